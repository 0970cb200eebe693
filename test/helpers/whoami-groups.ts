// `whoami /groups /fo csv /nh` output in the documented layout (name, type, SID, attributes), written for
// these tests: an elevated administrator, the same administrator unelevated (UAC filtered token), and a
// Japanese-language system, where names and types are translated but the SIDs are not.
export const elevatedEnglish = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"',
  '"NT AUTHORITY\\INTERACTIVE","Well-known group","S-1-5-4","Mandatory group, Enabled by default, Enabled group"',
  '"Mandatory Label\\High Mandatory Level","Label","S-1-16-12288",""',
].join('\r\n');
export const filteredEnglish = [
  '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
  '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Group used for deny only"',
  '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""',
].join('\r\n');
export const elevatedJapanese = [
  '"Everyone","よく知られたグループ","S-1-1-0","固定グループ, 既定で有効, 有効なグループ"',
  '"BUILTIN\\Administrators","エイリアス","S-1-5-32-544","固定グループ, 既定で有効, 有効なグループ, グループの所有者"',
  '"Mandatory Label\\High Mandatory Level","ラベル","S-1-16-12288",""',
].join('\r\n');
export const system = '"Mandatory Label\\System Mandatory Level","Label","S-1-16-16384",""';
