import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPowerShellInvocation, commandTemplates, encodePowerShellParams, validSystemRoot } from '../../../../electron/collect/windows/commands.js';

const literal = /FromBase64String\('([^']*)'\)/;

describe('PowerShell parameters never become script text', () => {
  it('any value (quotes, $(), backticks, newlines, ;) reaches the script only as base64 and decodes back unchanged', () => {
    const template = commandTemplates.kmsHostEvents.script;
    const skeleton = buildPowerShellInvocation(template, {}).replace(literal, "FromBase64String('')");
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), (params) => {
        const line = buildPowerShellInvocation(template, params);
        const encoded = literal.exec(line)?.[1];
        expect(encoded).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
        // The script around the literal is the same for every input.
        expect(line.replace(literal, "FromBase64String('')")).toBe(skeleton);
        expect(JSON.parse(Buffer.from(encoded!, 'base64').toString('utf8'))).toEqual(JSON.parse(JSON.stringify(params)));
      }),
    );
  });

  it('a hostile value stays inert', () => {
    const hostile = { domain: "x'; Remove-Item -Recurse C:\\ ; '$(calc)`" };
    const line = buildPowerShellInvocation('$p.domain', hostile);
    expect(line).not.toContain('Remove-Item');
    expect(line).not.toContain('calc');
    expect(encodePowerShellParams(hostile)).toBe(Buffer.from(JSON.stringify(hostile)).toString('base64'));
  });

  it('every script template is one line (node-powershell feeds it through stdin line by line)', () => {
    for (const [id, template] of Object.entries(commandTemplates)) {
      if (template.kind === 'powershell') expect(template.script, id).not.toMatch(/[\r\n]/);
    }
  });

  it('the event window parameters are validated before anything runs', () => {
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 30, maxEvents: 100 }).success).toBe(true);
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 0, maxEvents: 100 }).success).toBe(false);
    expect(commandTemplates.kmsHostEvents.params.safeParse({ days: 30, maxEvents: 100, script: 'x' }).success).toBe(false);
  });

  it('%SystemRoot% is used only when it is a plain drive path', () => {
    expect(validSystemRoot('D:\\Windows')).toBe('D:\\Windows');
    expect(validSystemRoot('C:\\Windows" /evil')).toBe('C:\\Windows');
    expect(validSystemRoot(undefined)).toBe('C:\\Windows');
    expect(validSystemRoot('\\\\server\\share')).toBe('C:\\Windows');
  });
});
