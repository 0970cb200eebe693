// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n.js';
import { GapsView } from '../../renderer/src/views/gaps-view.js';

afterEach(cleanup);

describe('the gaps section', () => {
  it('names a collector that failed as the running screen names its step, in the UI language', () => {
    const gap = { id: 'collect.failed' as const, evidence: 'cimProducts', name: 'cimProducts', explanation: 'cimProducts が失敗しました (アクセスが拒否されました。管理者として実行してください)。', changesVerdict: true, fix: null };
    render(
      <I18nextProvider i18n={createI18n('ja')}>
        <GapsView gaps={[gap, { ...gap, evidence: 'read notes.json', name: 'read notes.json' }]} />
      </I18nextProvider>,
    );
    const names = [...screen.getByTestId('gaps').querySelectorAll('strong')].map((element) => element.textContent);
    expect(names[0]).not.toBe('cimProducts');
    expect(names[0]).toMatch(/CIM SoftwareLicensingProduct/);
    // A name no step has stays as the engine gave it.
    expect(names[1]).toBe('read notes.json');
  });
});
