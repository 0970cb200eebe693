import { describe, expect, it } from 'vitest';
import { integrityRid, isElevatedFromWhoami } from '../../../shared/parse/whoami.js';
import { elevatedEnglish, elevatedJapanese, filteredEnglish, system } from '../../helpers/whoami-groups.js';

describe('elevation from whoami /groups', () => {
  it('reads the integrity level SID whatever the display language', () => {
    expect(integrityRid(elevatedEnglish)).toBe(12288);
    expect(integrityRid(filteredEnglish)).toBe(8192);
    expect(integrityRid(elevatedJapanese)).toBe(12288);
    expect(integrityRid('no label here, S-1-5-32-544')).toBeNull();
  });

  it('calls High and System elevated, Medium (a UAC-filtered administrator) not', () => {
    expect(isElevatedFromWhoami(elevatedEnglish)).toBe(true);
    expect(isElevatedFromWhoami(elevatedJapanese)).toBe(true);
    expect(isElevatedFromWhoami(system)).toBe(true);
    expect(isElevatedFromWhoami(filteredEnglish)).toBe(false);
    expect(isElevatedFromWhoami('')).toBeNull();
  });
});
