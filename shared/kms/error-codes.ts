/**
 * Activation error catalog: every code of knowledge/ERROR-CODES.md with its symbolic name, meaning,
 * likely causes and fixes in English, Japanese and Traditional Chinese. The ja / zh-TW wording follows
 * Microsoft's own localized KMS troubleshooting article (ライセンス認証, KMS ホスト / 啟用, KMS 主機,
 * 用戶端, 寬限期), so what the app says matches what the technician finds on learn.microsoft.com.
 */

export interface LocalizedText {
  readonly en: string;
  readonly ja: string;
  readonly 'zh-TW': string;
}

export interface ErrorFix {
  readonly text: LocalizedText;
  /** A command to run, as typed at an elevated prompt; placeholders in <angle brackets>. */
  readonly command?: string;
  /** The machine it runs on when that is not the one that logged the code (e.g. the KMS host for a client's error). */
  readonly runOn?: 'client' | 'host' | 'dns-server' | 'any';
  /** Written for PowerShell (default: cmd). */
  readonly shell?: 'cmd' | 'powershell';
}

export interface ErrorCodeInfo {
  /** Canonical form: 0x + 8 upper-case hex digits. */
  readonly hresult: string;
  readonly known: boolean;
  readonly name: string | null;
  readonly meaning: LocalizedText;
  readonly causes: readonly LocalizedText[];
  readonly fixes: readonly ErrorFix[];
  readonly docs: readonly string[];
}

const t = (en: string, ja: string, zhTw: string): LocalizedText => ({ en, ja, 'zh-TW': zhTw });

const LEARN = 'https://learn.microsoft.com';
const DOC_EC = `${LEARN}/windows-server/get-started/activation-error-codes`;
const DOC_GEN = `${LEARN}/windows-server/get-started/activation-troubleshoot-kms-general`;
const DOC_ISS = `${LEARN}/windows-server/get-started/activation-troubleshoot-kms-issues`;
const DOC_DNS = `${LEARN}/windows-server/get-started/common-troubleshooting-procedures-kms-dns`;
const DOC_PLAN = `${LEARN}/windows-server/get-started/kms-activation-planning`;
const DOC_GVLK = `${LEARN}/windows-server/get-started/kms-client-activation-keys`;
const sa = (slug: string): string => `${LEARN}/troubleshoot/windows-server/licensing-and-activation/${slug}`;

// Fixes that recur across codes, written once so the three languages stay consistent.
const FIX_READ_12288 = {
  text: t(
    "Read the client's event 12288 entries (Application log) for the HRESULT each KMS host returned, and fix that one.",
    'クライアントのイベント 12288 (アプリケーション ログ) で各 KMS ホストが返した HRESULT を確認し、その原因を解決します。',
    '檢查用戶端的事件識別碼 12288 (應用程式記錄檔) 中每個 KMS 主機傳回的 HRESULT，並解決該問題。',
  ),
  command: 'wevtutil qe Application /q:"*[System[(EventID=12288 or EventID=12289)]]" /f:text /c:10 /rd:true',
} as const;
const FIX_TEST_PORT = {
  text: t(
    'Test TCP 1688 from the client to the KMS host.',
    'クライアントから KMS ホストへの TCP 1688 の接続をテストします。',
    '從用戶端測試到 KMS 主機的 TCP 1688 連線。',
  ),
  command: 'powershell -Command "Test-NetConnection <kms-host> -Port 1688"',
} as const;
const FIX_SKMS = {
  text: t(
    'Point the client at a KMS host explicitly, then activate.',
    'クライアントに KMS ホストを明示的に指定してから、ライセンス認証を行います。',
    '在用戶端上明確指定 KMS 主機，然後再啟用。',
  ),
  command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /skms <kms-host>:1688',
} as const;
const FIX_ATO = {
  text: t('Retry activation.', 'ライセンス認証を再試行します。', '重新嘗試啟用。'),
  command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato',
} as const;
const FIX_START_SPPSVC = {
  text: t(
    'Make sure the Software Protection service (sppsvc) is running on the KMS host.',
    'KMS ホストでソフトウェア保護サービス (sppsvc) が実行されていることを確認します。',
    '確認 KMS 主機上的軟體保護服務 (sppsvc) 正在執行。',
  ),
  command: 'net start sppsvc',
  runOn: 'host',
} as const;
const FIX_FIREWALL = {
  text: t(
    'Enable the Key Management Service firewall exception (TCP 1688) on the KMS host; it exists by default but is not enabled automatically.',
    'KMS ホストで Key Management Service のファイアウォール例外 (TCP 1688) を有効にします。既定で存在しますが、自動的には有効になりません。',
    '在 KMS 主機上啟用金鑰管理服務的防火牆例外 (TCP 1688)；此例外預設存在，但不會自動啟用。',
  ),
  // By the rule's fixed name: its display name and group are translated on localized Windows.
  command: 'Enable-NetFirewallRule -Name SPPSVC-In-TCP',
  runOn: 'host',
  shell: 'powershell',
} as const;
const FIX_TIME = {
  text: t(
    'Synchronise the clocks (compared in UTC; the time zone does not matter), then retry.',
    '時刻を同期してから再試行します (比較は UTC で行われ、タイム ゾーンは関係ありません)。',
    '同步時鐘後重試 (以 UTC 比較，時區無關)。',
  ),
  command: 'w32tm /resync',
} as const;
const FIX_CHECK_SRV = {
  text: t(
    'Check that the _vlmcs._tcp SRV record exists in the DNS domain the client searches.',
    'クライアントが検索する DNS ドメインに _vlmcs._tcp SRV レコードが存在することを確認します。',
    '確認用戶端搜尋的 DNS 網域中存在 _vlmcs._tcp SRV 記錄。',
  ),
  command: 'nslookup -type=srv _vlmcs._tcp.<dns-domain>',
} as const;
const FIX_INSTALL_GVLK = {
  text: t(
    "Install the KMS client setup key (GVLK) that matches this edition, from Microsoft's published table.",
    'Microsoft が公開している表から、このエディションに対応する KMS クライアント セットアップ キー (GVLK) をインストールします。',
    '從 Microsoft 公布的表格中，安裝與此版本相符的 KMS 用戶端安裝金鑰 (GVLK)。',
  ),
  command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <gvlk>',
} as const;
const FIX_ACTIVATION_CENTER = {
  text: t(
    'Contact the Microsoft Licensing Activation Center or get a new key from the Volume Licensing Service Center (VLSC).',
    'Microsoft ライセンス認証センターに問い合わせるか、ボリューム ライセンス サービス センター (VLSC) から新しいキーを入手します。',
    '聯絡 Microsoft 授權啟用中心，或從大量授權服務中心 (VLSC) 取得新金鑰。',
  ),
} as const;
const FIX_DNS_PUBLISH = {
  text: t(
    'Verify a KMS host exists and publishes its SRV record (DisableDnsPublishing not set, dynamic update rights), or create the record manually.',
    'KMS ホストが存在し、SRV レコードを公開していること (DisableDnsPublishing が未設定で、動的更新の権限があること) を確認するか、レコードを手動で作成します。',
    '確認 KMS 主機存在並已發佈其 SRV 記錄 (未設定 DisableDnsPublishing，且具有動態更新權限)，或手動建立該記錄。',
  ),
} as const;
const FIX_SUFFIX = {
  text: t(
    'Give the client a primary DNS suffix or search list that contains the KMS domain, or set the lookup domain.',
    'クライアントに KMS ドメインを含むプライマリ DNS サフィックスまたは検索一覧を設定するか、検索ドメインを指定します。',
    '為用戶端設定包含 KMS 網域的主要 DNS 尾碼或搜尋清單，或指定查閱網域。',
  ),
  command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /skms-domain <dns-domain>',
} as const;

interface Entry {
  readonly name: string | null;
  readonly meaning: LocalizedText;
  readonly causes: readonly LocalizedText[];
  readonly fixes: readonly ErrorFix[];
  readonly docs: readonly string[];
}

const CATALOG: Readonly<Record<string, Entry>> = {
  '0xC004F074': {
    name: 'SL_E_VL_BINDING_SERVICE_UNAVAILABLE',
    meaning: t(
      'No KMS host could be reached or used: every host the client tried failed. This is a summary code; the per-host reason is in the client event log.',
      'KMS ホストに接続できなかったか、使用できませんでした (試行したすべてのホストが失敗)。集約コードであり、ホストごとの理由はクライアントのイベント ログにあります。',
      '無法連線或使用任何 KMS 主機 (用戶端嘗試的每個主機都失敗)。這是彙總代碼，個別主機的原因記錄在用戶端的事件記錄檔中。',
    ),
    causes: [
      t('The Software Protection service (sppsvc) is stopped on the KMS host.', 'KMS ホストでソフトウェア保護サービス (sppsvc) が停止しています。', 'KMS 主機上的軟體保護服務 (sppsvc) 已停止。'),
      t('TCP 1688 is blocked between client and host.', 'クライアントとホストの間で TCP 1688 がブロックされています。', '用戶端與主機之間的 TCP 1688 遭到封鎖。'),
      t('A stale or wrong _vlmcs SRV or A record.', '古いか誤った _vlmcs SRV レコードまたは A レコード。', '_vlmcs SRV 記錄或 A 記錄過時或錯誤。'),
      t('The KMS host is too old for this client (version mismatch).', 'KMS ホストがこのクライアントに対して古すぎます (バージョンの不一致)。', 'KMS 主機版本對此用戶端而言過舊 (版本不符)。'),
      t('Client and host clocks differ by more than 4 hours (12288 then shows 0xC004F06C).', 'クライアントとホストの時刻が 4 時間以上ずれています (その場合 12288 に 0xC004F06C が記録されます)。', '用戶端與主機的時鐘相差超過 4 小時 (此時 12288 會顯示 0xC004F06C)。'),
    ],
    fixes: [FIX_READ_12288, FIX_START_SPPSVC, FIX_TEST_PORT, FIX_CHECK_SRV, FIX_TIME],
    docs: [DOC_EC, sa('error-0xc004f074-activate-windows')],
  },
  '0xC004F038': {
    name: 'SL_E_VL_NOT_ENOUGH_COUNT',
    meaning: t(
      "The KMS host answered, but its count is below what this product needs (25 for client Windows, 5 for Windows Server and Office).",
      'KMS ホストは応答しましたが、現在のカウントがこの製品に必要な数 (Windows クライアントは 25、Windows Server と Office は 5) に達していません。',
      'KMS 主機已回應，但其目前計數低於此產品所需的數量 (Windows 用戶端為 25，Windows Server 與 Office 為 5)。',
    ),
    causes: [
      t('Too few distinct clients (CMIDs) contacted the host in the last 30 days.', '過去 30 日間にホストに接続した一意のクライアント (CMID) が少なすぎます。', '過去 30 天內連線至主機的唯一用戶端 (CMID) 太少。'),
      t('Cloned images that were not generalized (sysprep /generalize) share one CMID.', '一般化 (sysprep /generalize) されていない複製イメージが同じ CMID を共有しています。', '未正確一般化 (sysprep /generalize) 的複製映像共用同一個 CMID。'),
      t('The count is split over several KMS hosts.', 'カウントが複数の KMS ホストに分散しています。', '計數分散在多個 KMS 主機上。'),
    ],
    fixes: [
      {
        text: t('Check the current count on the KMS host.', 'KMS ホストで現在のカウントを確認します。', '在 KMS 主機上檢查目前計數。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dli',
        runOn: 'host',
      },
      {
        text: t(
          'Give cloned clients unique CMIDs (generalize the image, or rearm), then activate again.',
          '複製されたクライアントに一意の CMID を持たせ (イメージを一般化するか rearm)、再度ライセンス認証を行います。',
          '讓複製的用戶端擁有唯一的 CMID (將映像一般化或執行 rearm)，然後重新啟用。',
        ),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /rearm',
        runOn: 'client',
      },
      {
        text: t('Consolidate KMS hosts so the count is not split.', 'カウントが分散しないよう KMS ホストを統合します。', '整併 KMS 主機，避免計數分散。'),
      },
    ],
    docs: [DOC_EC, sa('activation-error-0xc004cf038-insufficient-kms-host-pool-count'), DOC_GEN],
  },
  '0xC004F039': {
    name: 'SL_E_VL_BINDING_SERVICE_NOT_ENABLED',
    meaning: t(
      'The KMS is not enabled: the KMS host did not respond to the request.',
      'KMS が有効になっていません。KMS ホストが要求に応答しませんでした。',
      'KMS 未啟用：KMS 主機未回應要求。',
    ),
    causes: [t('Network path or filtering between client and host on TCP 1688.', 'クライアントとホスト間の TCP 1688 のネットワーク経路またはフィルタリング。', '用戶端與主機之間 TCP 1688 的網路路徑或篩選。')],
    fixes: [FIX_TEST_PORT, FIX_FIREWALL],
    docs: [DOC_EC],
  },
  '0xC004F041': {
    name: 'SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED',
    meaning: t('The KMS host itself is not activated.', 'KMS ホスト自体がライセンス認証されていません。', 'KMS 主機本身尚未啟用。'),
    causes: [
      t('A KMS host key (CSVLK) was installed but the host was never activated online or by phone.', 'KMS ホスト キー (CSVLK) はインストールされていますが、ホストがオンラインまたは電話でライセンス認証されていません。', '已安裝 KMS 主機金鑰 (CSVLK)，但主機從未透過網際網路或電話啟用。'),
    ],
    fixes: [
      {
        text: t('Activate the KMS host online.', 'KMS ホストをオンラインでライセンス認証します。', '透過網際網路啟用 KMS 主機。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato',
        runOn: 'host',
      },
      {
        text: t('Or activate it by phone: show the installation ID, call, then enter the confirmation ID.', 'または電話でライセンス認証します: インストール ID を表示し、電話して確認 ID を入力します。', '或以電話啟用：顯示安裝識別碼，致電後輸入確認識別碼。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dti',
        runOn: 'host',
      },
    ],
    docs: [DOC_EC],
  },
  '0xC004F042': {
    name: 'SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH',
    meaning: t(
      'The KMS host that was contacted cannot activate this product.',
      '接続した KMS ホストではこの製品のライセンス認証を行えません。',
      '所連線的 KMS 主機無法啟用此產品。',
    ),
    causes: [
      t(
        "The host's KMS key (CSVLK) group does not cover this client (e.g. a 2016 host key and a 2022 client, an Office-only host, a client-only key on a server host).",
        'ホストの KMS キー (CSVLK) のグループがこのクライアントを対象にしていません (例: 2016 のホスト キーと 2022 のクライアント、Office 専用ホスト、サーバー ホスト上のクライアント用キー)。',
        '主機的 KMS 金鑰 (CSVLK) 群組未涵蓋此用戶端 (例如 2016 主機金鑰搭配 2022 用戶端、僅限 Office 的主機、伺服器主機上的用戶端金鑰)。',
      ),
      t('The client still points to a KMS host of another environment.', 'クライアントが別の環境の KMS ホストを参照したままです。', '用戶端仍指向其他環境的 KMS 主機。'),
    ],
    fixes: [
      {
        text: t('Clear a manually set KMS host so the client uses DNS discovery again.', '手動で設定した KMS ホストを消去し、クライアントが DNS による検出を再び使うようにします。', '清除手動設定的 KMS 主機，讓用戶端重新使用 DNS 探索。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ckms',
      },
      FIX_SKMS,
      {
        text: t(
          'Or install a newer-group KMS host key (CSVLK) and the required updates on the host.',
          'またはホストに新しいグループの KMS ホスト キー (CSVLK) と必要な更新プログラムをインストールします。',
          '或在主機上安裝較新群組的 KMS 主機金鑰 (CSVLK) 及必要的更新。',
        ),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <csvlk>',
        runOn: 'host',
      },
    ],
    docs: [DOC_EC, sa('activation-error-0xc004cf042-cant-use-specified-kms'), DOC_PLAN],
  },
  '0xC004F06C': {
    name: 'SL_E_VL_INVALID_TIMESTAMP',
    meaning: t('The KMS host rejected the request timestamp.', 'KMS ホストが要求のタイムスタンプを拒否しました。', 'KMS 主機拒絕了要求的時間戳記。'),
    causes: [t('Client and host clocks differ by more than 4 hours.', 'クライアントとホストの時刻が 4 時間以上ずれています。', '用戶端與主機的時鐘相差超過 4 小時。')],
    fixes: [FIX_TIME, FIX_ATO],
    docs: [DOC_EC, sa('error-0xc004f074-activate-windows')],
  },
  '0xC004F056': {
    name: 'SL_E_VL_MACHINE_NOT_BOUND',
    meaning: t('The product could not be activated using the Key Management Service.', 'キー管理サービスを使用して製品のライセンス認証を行えませんでした。', '無法使用金鑰管理服務啟用產品。'),
    causes: [
      t('The client never completed a KMS activation, and its grace period has expired.', 'クライアントが KMS ライセンス認証を一度も完了しておらず、猶予期間が終了しています。', '用戶端從未完成 KMS 啟用，且寬限期已過。'),
    ],
    fixes: [FIX_CHECK_SRV, FIX_TEST_PORT, FIX_ATO],
    docs: [DOC_EC],
  },
  '0xC004F015': {
    name: 'SL_E_PRODUCT_SKU_NOT_INSTALLED',
    meaning: t(
      'The license is not installed. With KMS: a Windows 10 Enterprise client failing against a 2012 R2 / 2008 R2 host (whose event 12290 shows 0xC004F042).',
      'ライセンスがインストールされていません。KMS では、Windows 10 Enterprise クライアントが 2012 R2 / 2008 R2 ホストに対して失敗する場合です (ホストのイベント 12290 には 0xC004F042 が記録されます)。',
      '授權未安裝。在 KMS 中，是 Windows 10 Enterprise 用戶端向 2012 R2 / 2008 R2 主機啟用失敗 (主機的事件 12290 顯示 0xC004F042)。',
    ),
    causes: [
      t(
        'The host has a client-only "Windows 10" KMS key where a server key ("Windows Srv 2012R2 DataCtr/Std KMS for Windows 10") is needed.',
        'サーバー用キー ("Windows Srv 2012R2 DataCtr/Std KMS for Windows 10") が必要なところに、クライアント専用の "Windows 10" KMS キーがインストールされています。',
        '主機安裝的是僅限用戶端的 "Windows 10" KMS 金鑰，而需要的是伺服器金鑰 ("Windows Srv 2012R2 DataCtr/Std KMS for Windows 10")。',
      ),
      t('The host lacks update 3172614 / 3079821.', 'ホストに更新プログラム 3172614 / 3079821 がインストールされていません。', '主機缺少更新 3172614 / 3079821。'),
    ],
    fixes: [
      {
        text: t('Install the correct KMS host key from VLSC and the host update.', 'VLSC から正しい KMS ホスト キーを入手し、ホストの更新プログラムと共にインストールします。', '從 VLSC 取得正確的 KMS 主機金鑰並安裝主機更新。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <csvlk>',
        runOn: 'host',
      },
    ],
    docs: [sa('error-0xc004f015-activate-windows-10')],
  },
  '0xC004F035': {
    name: 'SL_E_VL_NOT_WINDOWS_SLP',
    meaning: t(
      'Cannot activate with a volume key: volume-licensed Windows (7 era) requires a qualifying operating system marker in the BIOS.',
      'ボリューム キーではライセンス認証できません。ボリューム ライセンスの Windows (7 世代) には BIOS に適格な OS のマーカーが必要です。',
      '無法使用大量授權金鑰啟用：大量授權的 Windows (7 時代) 需要 BIOS 中有合格作業系統的標記。',
    ),
    causes: [t('Volume-licensed Windows 7 installed on hardware without an OEM Windows marker (volume licensing is upgrade-only).', 'OEM Windows マーカーのないハードウェアにボリューム ライセンスの Windows 7 をインストールしています (ボリューム ライセンスはアップグレード専用)。', '在沒有 OEM Windows 標記的硬體上安裝了大量授權的 Windows 7 (大量授權僅限升級)。')],
    fixes: [
      {
        text: t('Use a MAK or retail key with a qualifying license, or activate by phone.', '適格なライセンスと MAK またはリテール キーを使うか、電話でライセンス認証します。', '使用合格授權的 MAK 或零售金鑰，或以電話啟用。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dti',
      },
    ],
    docs: [DOC_EC],
  },
  '0xC004F050': {
    name: 'SL_E_INVALID_PRODUCT_KEY',
    meaning: t('The product key is invalid.', 'プロダクト キーが無効です。', '產品金鑰無效。'),
    causes: [
      t('A typo, a beta key on a released build, or a key of another product family.', '入力ミス、リリース版でのベータ キー、または別の製品ファミリのキー。', '輸入錯誤、在正式版上使用測試版金鑰，或其他產品系列的金鑰。'),
      t('An en dash pasted instead of a hyphen.', 'ハイフンの代わりに en ダッシュが貼り付けられています。', '貼上了長破折號 (en dash) 而非連字號。'),
    ],
    fixes: [FIX_INSTALL_GVLK],
    docs: [DOC_EC, DOC_GVLK],
  },
  '0xC004F051': {
    name: 'SL_E_BLOCKED_PRODUCT_KEY',
    meaning: t('The product key is blocked by Microsoft.', 'プロダクト キーは Microsoft によってブロックされています。', '產品金鑰已遭 Microsoft 封鎖。'),
    causes: [t('The key leaked or was blocked.', 'キーが流出したか、ブロックされました。', '金鑰外洩或已被封鎖。')],
    fixes: [FIX_ACTIVATION_CENTER],
    docs: [DOC_EC],
  },
  '0xC004F069': {
    name: 'SL_E_MISMATCHED_PRODUCT_SKU',
    meaning: t('The product SKU was not found.', '製品 SKU が見つかりません。', '找不到產品 SKU。'),
    causes: [t('The key does not match the installed edition (e.g. a GVLK of another edition).', 'キーがインストールされているエディションと一致しません (例: 別のエディションの GVLK)。', '金鑰與已安裝的版本不符 (例如其他版本的 GVLK)。')],
    fixes: [FIX_INSTALL_GVLK],
    docs: [DOC_GVLK],
  },
  '0xC004F014': {
    name: 'SL_E_PKEY_NOT_INSTALLED',
    meaning: t('No product key is installed.', 'プロダクト キーがインストールされていません。', '未安裝產品金鑰。'),
    causes: [t('The key was removed (slmgr /upk) or never set.', 'キーが削除された (slmgr /upk) か、設定されていません。', '金鑰已移除 (slmgr /upk) 或從未設定。')],
    fixes: [FIX_INSTALL_GVLK, FIX_ATO],
    docs: [DOC_EC, DOC_GVLK],
  },
  '0xC004F00F': {
    name: 'SL_E_OUT_OF_TOLERANCE',
    meaning: t(
      'The hardware changed beyond tolerance (out-of-tolerance grace).',
      'ハードウェアの変更が許容範囲を超えました (許容範囲外の猶予期間)。',
      '硬體變更超出容許範圍 (超出容許範圍的寬限期)。',
    ),
    causes: [t('Hardware or driver changes.', 'ハードウェアまたはドライバーの変更。', '硬體或驅動程式變更。')],
    fixes: [
      {
        text: t('KMS client: restart or activate again; MAK: reactivate.', 'KMS クライアント: 再起動するか再度ライセンス認証します。MAK: 再アクティブ化します。', 'KMS 用戶端：重新啟動或再次啟用；MAK：重新啟用。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato',
      },
    ],
    docs: [DOC_EC],
  },
  '0xC004F009': {
    name: 'SL_E_GRACE_TIME_EXPIRED',
    meaning: t('The grace period expired; the product is in the Notification state.', '猶予期間が終了し、製品は通知状態です。', '寬限期已過，產品處於通知狀態。'),
    causes: [t('The product was never activated within its grace period.', '猶予期間内に一度もライセンス認証されませんでした。', '產品在寬限期內從未啟用。')],
    fixes: [FIX_CHECK_SRV, FIX_TEST_PORT, FIX_ATO],
    docs: [DOC_EC],
  },
  '0xC004F06B': {
    name: 'SL_E_VL_KEY_MANAGEMENT_SERVICE_VM_NOT_SUPPORTED',
    meaning: t(
      'The Software Protection service refuses to run KMS in a virtual machine.',
      'ソフトウェア保護サービスは仮想マシンでの KMS を拒否しました。',
      '軟體保護服務拒絕在虛擬機器中執行 KMS。',
    ),
    causes: [t('A legacy (Vista / 2008 era) restriction on hosting KMS in a virtual machine.', '仮想マシンでの KMS ホストに対する旧来 (Vista / 2008 世代) の制限。', '舊版 (Vista / 2008 時代) 對於在虛擬機器中架設 KMS 的限制。')],
    fixes: [{ text: t('Host KMS on a supported operating system.', 'サポートされている OS で KMS ホストを運用します。', '在支援的作業系統上架設 KMS 主機。') }],
    docs: [DOC_EC],
  },
  '0xC004E015': {
    name: 'SL_E_EUL_CONSUMPTION_FAILED',
    meaning: t('License consumption failed.', 'ライセンスの使用に失敗しました。', '授權取用失敗。'),
    causes: [t('A corrupt license store (%windir%\\System32\\spp\\store\\2.0\\tokens.dat).', 'ライセンス ストア (%windir%\\System32\\spp\\store\\2.0\\tokens.dat) が破損しています。', '授權存放區 (%windir%\\System32\\spp\\store\\2.0\\tokens.dat) 損毀。')],
    fixes: [
      {
        text: t('Rebuild tokens.dat with the documented procedure, then reinstall the key if "Product not found".', '文書化された手順で tokens.dat を再構築し、"Product not found" の場合はキーを再インストールします。', '依文件程序重建 tokens.dat，若出現 "Product not found" 則重新安裝金鑰。'),
        command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /rilc',
      },
      FIX_INSTALL_GVLK,
    ],
    docs: [sa('error-0xc004e015-sl-e-eul-consumption-failed-activate-windows')],
  },
  '0xC004C003': {
    name: 'SL_E_CHPA_PRODUCT_KEY_BLOCKED',
    meaning: t(
      'The Microsoft activation server says the key is blocked (MAK or KMS host key activated online).',
      'Microsoft ライセンス認証サーバーによると、キーはブロックされています (オンラインでライセンス認証した MAK または KMS ホスト キー)。',
      'Microsoft 啟用伺服器表示金鑰已遭封鎖 (線上啟用的 MAK 或 KMS 主機金鑰)。',
    ),
    causes: [t('The key is blocked or compromised.', 'キーがブロックされているか、漏えいしています。', '金鑰已遭封鎖或外洩。')],
    fixes: [FIX_ACTIVATION_CENTER],
    docs: [DOC_EC, sa('activation-error-0xc004c003-product-key-blocked')],
  },
  '0xC004C008': {
    name: 'SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED',
    meaning: t(
      'The activation server says the key exceeded its activation limit.',
      'ライセンス認証サーバーによると、キーはライセンス認証の上限を超えました。',
      '啟用伺服器表示金鑰已超過其啟用次數上限。',
    ),
    causes: [t('A KMS host key activates up to 6 hosts, each up to 10 times.', 'KMS ホスト キーは最大 6 台のホストを、それぞれ最大 10 回までライセンス認証できます。', '一把 KMS 主機金鑰最多可啟用 6 部主機，每部最多 10 次。')],
    fixes: [FIX_ACTIVATION_CENTER],
    docs: [DOC_EC, DOC_PLAN],
  },
  '0xC004C001': {
    name: 'SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE',
    meaning: t('The activation server says the product key is invalid (MAK).', 'ライセンス認証サーバーによると、プロダクト キー (MAK) は無効です。', '啟用伺服器表示產品金鑰 (MAK) 無效。'),
    causes: [t('A MAK problem, not KMS: this machine is using another activation method.', 'KMS ではなく MAK の問題です。このコンピューターは別のライセンス認証方法を使っています。', '這是 MAK 的問題而非 KMS：此電腦使用其他啟用方式。')],
    fixes: [FIX_ACTIVATION_CENTER, FIX_INSTALL_GVLK],
    docs: [DOC_EC],
  },
  '0xC004C020': {
    name: 'SL_E_CHPA_DMAK_LIMIT_EXCEEDED',
    meaning: t('The MAK has exceeded its activation count.', 'MAK のライセンス認証回数の上限を超えました。', 'MAK 已超過其啟用次數。'),
    causes: [t('All activations of the MAK are used up (a MAK problem, not KMS).', 'MAK のライセンス認証回数をすべて使い切りました (KMS ではなく MAK の問題)。', 'MAK 的啟用次數已用完 (MAK 的問題，而非 KMS)。')],
    fixes: [FIX_ACTIVATION_CENTER, FIX_INSTALL_GVLK],
    docs: [DOC_EC],
  },
  '0xC004C021': {
    name: 'SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED',
    meaning: t('The MAK extension limit has been exceeded.', 'MAK の拡張上限を超えました。', '已超過 MAK 的延伸上限。'),
    causes: [t('The MAK count is used up (a MAK problem, not KMS).', 'MAK のカウントを使い切りました (KMS ではなく MAK の問題)。', 'MAK 計數已用完 (MAK 的問題，而非 KMS)。')],
    fixes: [FIX_ACTIVATION_CENTER, FIX_INSTALL_GVLK],
    docs: [DOC_EC],
  },
  '0x4004F040': {
    name: 'SL_E_VL_INFO_PRODUCT_USER_RIGHT',
    meaning: t(
      'Informational: the product was activated, but the owner should verify the product use rights.',
      '情報: 製品のライセンス認証は完了しましたが、所有者は製品の使用権を確認する必要があります。',
      '資訊：產品已啟用，但擁有者應確認產品使用權限。',
    ),
    causes: [t('Informational success; nothing is wrong.', '情報としての成功であり、問題はありません。', '屬資訊性的成功，沒有問題。')],
    fixes: [{ text: t('None needed.', '対処は不要です。', '不需要處理。') }],
    docs: [DOC_EC],
  },
  '0x8007232B': {
    name: 'DNS_ERROR_RCODE_NAME_ERROR',
    meaning: t(
      'DNS name does not exist: the client found no _vlmcs._tcp SRV record.',
      'DNS 名が存在しません。クライアントは _vlmcs._tcp SRV レコードを見つけられませんでした。',
      'DNS 名稱不存在：用戶端找不到 _vlmcs._tcp SRV 記錄。',
    ),
    causes: [
      t('There is no KMS host, or the host does not publish its SRV record (DisableDnsPublishing, no dynamic update rights).', 'KMS ホストが存在しないか、ホストが SRV レコードを公開していません (DisableDnsPublishing、動的更新の権限なし)。', '沒有 KMS 主機，或主機未發佈其 SRV 記錄 (DisableDnsPublishing、沒有動態更新權限)。'),
      t("The record is in a zone the client does not search.", 'レコードがクライアントの検索しないゾーンにあります。', '記錄位於用戶端不會搜尋的區域中。'),
      t('DNS is blocked, or /skms was set to a name that does not resolve.', 'DNS がブロックされているか、/skms で解決できない名前が設定されています。', 'DNS 遭封鎖，或 /skms 設定了無法解析的名稱。'),
    ],
    fixes: [FIX_CHECK_SRV, FIX_DNS_PUBLISH, FIX_SUFFIX, FIX_SKMS],
    docs: [DOC_EC, sa('activation-error-0x8007232b-dns-name-does-not-exist'), DOC_DNS],
  },
  '0x8007232A': {
    name: 'DNS_ERROR_RCODE_SERVER_FAILURE',
    meaning: t('DNS server failure.', 'DNS サーバーのエラーです。', 'DNS 伺服器失敗。'),
    causes: [t('A DNS or network problem on the KMS host (e.g. while publishing its SRV record) or on the client.', 'KMS ホスト (SRV レコードの公開中など) またはクライアントの DNS やネットワークの問題。', 'KMS 主機 (例如發佈 SRV 記錄時) 或用戶端的 DNS 或網路問題。')],
    fixes: [
      {
        text: t('Troubleshoot the DNS servers and connectivity.', 'DNS サーバーと接続のトラブルシューティングを行います。', '針對 DNS 伺服器與連線進行疑難排解。'),
        command: 'ipconfig /all',
      },
    ],
    docs: [DOC_EC, sa('activation-error-0x8007232a-dns-server-failure')],
  },
  '0x8007251D': {
    name: 'DNS_INFO_NO_RECORDS',
    meaning: t(
      'No records found for the DNS query: the name exists but has no SRV records.',
      'DNS クエリのレコードが見つかりません。名前は存在しますが SRV レコードがありません。',
      '找不到 DNS 查詢的記錄：名稱存在但沒有 SRV 記錄。',
    ),
    causes: [t('The SRV record is missing from the zone the client queries.', 'クライアントが照会するゾーンに SRV レコードがありません。', '用戶端查詢的區域中缺少 SRV 記錄。')],
    fixes: [FIX_CHECK_SRV, FIX_DNS_PUBLISH, FIX_SKMS],
    docs: [DOC_EC, DOC_DNS],
  },
  '0x8007007B': {
    name: 'ERROR_INVALID_NAME',
    meaning: t(
      'Documented for KMS as "DNS name does not exist".',
      'KMS では "DNS 名が存在しません" として文書化されています。',
      '在 KMS 中記載為「DNS 名稱不存在」。',
    ),
    causes: [t('Commonly the client has no primary DNS suffix (workgroup), so no SRV query name can be built.', 'よくある原因は、クライアントにプライマリ DNS サフィックスがなく (ワークグループ)、SRV クエリ名を組み立てられないことです。', '常見原因是用戶端沒有主要 DNS 尾碼 (工作群組)，因此無法組成 SRV 查詢名稱。')],
    fixes: [FIX_SUFFIX, FIX_SKMS],
    docs: [DOC_EC],
  },
  '0x80092328': {
    name: null, // ERROR-CODES.md: not a DNS facility code; Microsoft documents it without a symbol
    meaning: t(
      'Documented by Microsoft as "DNS name does not exist" (the value is not a DNS facility code; shown as documented).',
      'Microsoft は "DNS 名が存在しません" と文書化しています (値は DNS のファシリティ コードではありませんが、文書どおりに表示します)。',
      'Microsoft 將其記載為「DNS 名稱不存在」(此值並非 DNS 設施代碼，依文件原樣顯示)。',
    ),
    causes: [t('As for 0x8007232B: no _vlmcs._tcp SRV record found.', '0x8007232B と同様: _vlmcs._tcp SRV レコードが見つかりません。', '同 0x8007232B：找不到 _vlmcs._tcp SRV 記錄。')],
    fixes: [FIX_CHECK_SRV, FIX_DNS_PUBLISH, FIX_SKMS],
    docs: [DOC_EC],
  },
  '0x800706BA': {
    name: 'RPC_S_SERVER_UNAVAILABLE',
    meaning: t('The RPC server is unavailable.', 'RPC サーバーを利用できません。', 'RPC 伺服器無法使用。'),
    causes: [
      t('The KMS firewall exception (TCP 1688) is not enabled on the host.', 'ホストで KMS のファイアウォール例外 (TCP 1688) が有効になっていません。', '主機上未啟用 KMS 的防火牆例外 (TCP 1688)。'),
      t('A stale SRV record points to a host that is gone.', '古い SRV レコードが存在しないホストを指しています。', '過時的 SRV 記錄指向已不存在的主機。'),
    ],
    fixes: [FIX_FIREWALL, FIX_CHECK_SRV, FIX_TEST_PORT],
    docs: [DOC_EC],
  },
  '0xC0020017': {
    name: 'RPC_NT_SERVER_UNAVAILABLE',
    meaning: t(
      'KMS contact failure (event 8198): the RPC server is unavailable; works like 0xC004F074.',
      'KMS への接続エラー (イベント 8198): RPC サーバーを利用できません。0xC004F074 と同様です。',
      'KMS 連線失敗 (事件 8198)：RPC 伺服器無法使用；作用同 0xC004F074。',
    ),
    causes: [
      t('A firewall or network security group blocks TCP 1688.', 'ファイアウォールまたはネットワーク セキュリティ グループが TCP 1688 をブロックしています。', '防火牆或網路安全性群組封鎖了 TCP 1688。'),
      t('Forced tunnelling (VPN, DirectAccess, ExpressRoute) sends KMS traffic elsewhere.', '強制トンネリング (VPN、DirectAccess、ExpressRoute) により KMS の通信が別の経路に送られています。', '強制通道 (VPN、DirectAccess、ExpressRoute) 將 KMS 流量導向他處。'),
      t('DNS failure or a wrong /skms setting.', 'DNS のエラー、または誤った /skms の設定。', 'DNS 失敗或 /skms 設定錯誤。'),
    ],
    fixes: [FIX_SKMS, FIX_TEST_PORT, { text: t('Restart the Software Protection service.', 'ソフトウェア保護サービスを再起動します。', '重新啟動軟體保護服務。'), command: 'net stop sppsvc && net start sppsvc' }],
    docs: [sa('activation-event-8198-error-0xc0020017-0x8007139f-kms-contact-failure')],
  },
  '0x8007139F': {
    name: 'ERROR_INVALID_STATE',
    meaning: t(
      'KMS contact failure (event 8198): the group or resource is not in the correct state; works like 0xC004F074.',
      'KMS への接続エラー (イベント 8198): グループまたはリソースの状態が正しくありません。0xC004F074 と同様です。',
      'KMS 連線失敗 (事件 8198)：群組或資源的狀態不正確；作用同 0xC004F074。',
    ),
    causes: [
      t('A firewall, forced tunnelling or DNS failure on the way to the KMS host.', 'KMS ホストへの経路上のファイアウォール、強制トンネリング、または DNS のエラー。', '通往 KMS 主機途中的防火牆、強制通道或 DNS 失敗。'),
      t('A stuck Software Protection service.', 'ソフトウェア保護サービスが応答していません。', '軟體保護服務停滯。'),
    ],
    fixes: [FIX_SKMS, FIX_TEST_PORT, { text: t('Restart the Software Protection service.', 'ソフトウェア保護サービスを再起動します。', '重新啟動軟體保護服務。'), command: 'net stop sppsvc && net start sppsvc' }],
    docs: [sa('activation-event-8198-error-0xc0020017-0x8007139f-kms-contact-failure')],
  },
  '0x80072338': {
    name: 'DNS_ERROR_RCODE_BADSIG',
    meaning: t(
      "The KMS host's DNS publishing failed: the signature failed to verify (event 12293).",
      'KMS ホストの DNS 公開に失敗しました: 署名を検証できませんでした (イベント 12293)。',
      'KMS 主機的 DNS 發佈失敗：簽章驗證失敗 (事件 12293)。',
    ),
    causes: [t('The host has no permission on an existing _VLMCS SRV record owned by another host.', '別のホストが所有する既存の _VLMCS SRV レコードに対するアクセス許可がホストにありません。', '主機對另一部主機所擁有的現有 _VLMCS SRV 記錄沒有權限。')],
    fixes: [
      {
        text: t(
          'Grant the host (or a KMS hosts group) Full Control on the _VLMCS record, then restart sppsvc; success logs event 12294.',
          'ホスト (または KMS ホストのグループ) に _VLMCS レコードのフル コントロールを付与し、sppsvc を再起動します。成功するとイベント 12294 が記録されます。',
          '授與主機 (或 KMS 主機群組) 對 _VLMCS 記錄的完全控制權限，然後重新啟動 sppsvc；成功時會記錄事件 12294。',
        ),
        command: 'net stop sppsvc && net start sppsvc',
        runOn: 'host',
      },
    ],
    docs: [sa('event-12293-error-0x800723-set-kms-host')],
  },
  '0x8007267C': {
    name: 'DNS_ERROR_NO_DNS_SERVERS',
    meaning: t('No DNS servers are configured (seen in event 12293).', 'DNS サーバーが構成されていません (イベント 12293 で記録)。', '未設定 DNS 伺服器 (見於事件 12293)。'),
    causes: [t('The KMS host has no DNS server configured.', 'KMS ホストに DNS サーバーが構成されていません。', 'KMS 主機未設定 DNS 伺服器。')],
    fixes: [{ text: t('Configure DNS servers on the KMS host.', 'KMS ホストに DNS サーバーを構成します。', '在 KMS 主機上設定 DNS 伺服器。'), command: 'ipconfig /all', runOn: 'host' }],
    docs: [DOC_ISS],
  },
  '0x8007000D': {
    name: 'ERROR_INVALID_DATA',
    meaning: t(
      'Returned by a KMS host that does not support the protocol version of the request.',
      '要求のプロトコル バージョンをサポートしない KMS ホストが返すコードです。',
      '由不支援該要求通訊協定版本的 KMS 主機傳回。',
    ),
    causes: [t('A newer client against an old KMS host, or a malformed request.', '古い KMS ホストに対する新しいクライアント、または不正な形式の要求。', '較新的用戶端對上舊版 KMS 主機，或要求格式錯誤。')],
    fixes: [{ text: t('Update the KMS host and install a newer KMS host key (CSVLK).', 'KMS ホストを更新し、新しい KMS ホスト キー (CSVLK) をインストールします。', '更新 KMS 主機並安裝較新的 KMS 主機金鑰 (CSVLK)。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ipk <csvlk>' }],
    docs: [DOC_PLAN],
  },
  '0x80070005': {
    name: 'E_ACCESSDENIED',
    meaning: t('Access denied: the action needs elevation.', 'アクセスが拒否されました。操作には管理者特権が必要です。', '存取遭拒：此動作需要提升權限。'),
    causes: [
      t('The command prompt is not elevated (needed for /ipk, /skms, /ato).', 'コマンド プロンプトが管理者特権で実行されていません (/ipk、/skms、/ato に必要)。', '命令提示字元未以提升權限執行 (/ipk、/skms、/ato 需要)。'),
      t('The SELF account lacks DCOM Local/Remote Access (event 8229, SLUI.exe).', 'SELF アカウントに DCOM のローカル/リモート アクセス許可がありません (イベント 8229、SLUI.exe)。', 'SELF 帳戶缺少 DCOM 本機/遠端存取權限 (事件 8229，SLUI.exe)。'),
    ],
    fixes: [
      { text: t('Run the command from an elevated command prompt.', '管理者特権のコマンド プロンプトからコマンドを実行します。', '從提升權限的命令提示字元執行命令。') },
      { text: t('Restore SELF in the COM Security default access permissions (dcomcnfg), then restart.', 'dcomcnfg の COM セキュリティの既定のアクセス許可に SELF を戻してから再起動します。', '在 dcomcnfg 的 COM 安全性預設存取權限中恢復 SELF，然後重新啟動。'), command: 'dcomcnfg' },
    ],
    docs: [DOC_EC, sa('error-0x80070005-access-denied')],
  },
  '0x8004FE21': {
    name: null, // ERROR-CODES.md gives no symbol (a genuine-validation code)
    meaning: t('This computer is not running genuine Windows.', 'このコンピューターは正規の Windows を実行していません。', '此電腦執行的不是正版 Windows。'),
    causes: [
      t('Unlicensed language packs on an edition not licensed for multiple languages.', '多言語のライセンスがないエディションにライセンスのない言語パックがインストールされています。', '未獲多語言授權的版本上安裝了未授權的語言套件。'),
      t('Tampering or corruption.', '改ざんまたは破損。', '遭竄改或損毀。'),
    ],
    fixes: [{ text: t('Remove the unlicensed language packs, or reinstall the operating system.', 'ライセンスのない言語パックを削除するか、OS を再インストールします。', '移除未授權的語言套件，或重新安裝作業系統。') }],
    docs: [DOC_EC],
  },
  // Codes beyond ERROR-CODES.md that slmgr.vbs itself names (its L_MsgError_<code> texts); meanings
  // follow slmgr's text. Their slerror.h symbols were not verified here, so no name is claimed.
  '0xC004F025': {
    name: null,
    meaning: t('Access denied: the requested action requires elevated privileges.', 'アクセスが拒否されました。要求された操作には管理者特権が必要です。', '存取遭拒：要求的動作需要提升權限。'),
    causes: [t('slmgr was run from a command prompt that is not elevated.', 'slmgr が管理者特権のないコマンド プロンプトから実行されました。', 'slmgr 是從未提升權限的命令提示字元執行。')],
    fixes: [{ text: t('Run the command again from an elevated command prompt.', '管理者特権のコマンド プロンプトからコマンドを再実行します。', '從提升權限的命令提示字元重新執行命令。') }],
    docs: [DOC_EC],
  },
  '0x80070057': {
    name: null,
    meaning: t('The parameter is incorrect.', 'パラメーターが正しくありません。', '參數不正確。'),
    causes: [t('A malformed slmgr argument, e.g. a KMS host:port or product key in the wrong form.', 'slmgr の引数の形式が正しくありません (KMS ホスト:ポートやプロダクト キーの形式など)。', 'slmgr 的引數格式錯誤，例如 KMS 主機:連接埠或產品金鑰的格式不對。')],
    fixes: [{ text: t('Check the syntax of the slmgr option and retype the value.', 'slmgr オプションの構文を確認し、値を入力し直します。', '檢查 slmgr 選項的語法並重新輸入值。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /?' }],
    docs: [DOC_EC],
  },
  '0xC004F075': {
    name: null,
    meaning: t('The operation cannot be completed because the Software Protection service is stopping.', 'ソフトウェア保護サービスが停止中のため、操作を完了できません。', '軟體保護服務正在停止，因此無法完成作業。'),
    causes: [t('sppsvc was shutting down (restart, update or idle stop) during the request.', '要求中に sppsvc が停止処理中でした (再起動、更新、アイドル停止)。', '要求期間 sppsvc 正在關閉 (重新啟動、更新或閒置停止)。')],
    fixes: [FIX_START_SPPSVC, FIX_ATO],
    docs: [DOC_EC],
  },
  '0xC004D307': {
    name: null,
    meaning: t('The maximum allowed number of rearms has been exceeded.', '許可されている rearm の最大回数を超えました。', '已超過允許的 rearm 次數上限。'),
    causes: [t('slmgr /rearm was run more often than the edition allows.', 'エディションで許可されている回数を超えて slmgr /rearm が実行されました。', 'slmgr /rearm 的執行次數超過該版本允許的次數。')],
    fixes: [{ text: t('Activate instead of rearming, or reinstall the operating system.', 'rearm ではなくライセンス認証を行うか、OS を再インストールします。', '改為啟用而非 rearm，或重新安裝作業系統。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /ato' }],
    docs: [DOC_EC],
  },
  '0xC004F066': {
    name: null,
    meaning: t('The product SKU was not found.', '製品 SKU が見つかりません。', '找不到產品 SKU。'),
    causes: [t('The Activation ID given to slmgr is not installed on this machine.', 'slmgr に指定したライセンス認証 ID がこのコンピューターにインストールされていません。', '提供給 slmgr 的啟用識別碼未安裝在此電腦上。')],
    fixes: [{ text: t('List the installed licenses and use one of their Activation IDs.', 'インストールされているライセンスを一覧表示し、そのライセンス認証 ID を使います。', '列出已安裝的授權並使用其中的啟用識別碼。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /dlv all' }],
    docs: [DOC_EC],
  },
  '0xC004F064': {
    name: null,
    meaning: t('The non-genuine grace period expired.', '非正規品の猶予期間が終了しました。', '非正版寬限期已過。'),
    causes: [t('Windows failed genuine validation and was not fixed within the grace period.', 'Windows が正規品の検証に失敗し、猶予期間内に解決されませんでした。', 'Windows 未通過正版驗證，且未在寬限期內解決。')],
    fixes: [{ text: t('Validate Windows online.', 'Windows をオンラインで検証します。', '線上驗證 Windows。'), command: 'slui.exe' }],
    docs: [DOC_EC],
  },
  '0xC004F065': {
    name: null,
    meaning: t('The application is running within the valid non-genuine grace period.', 'アプリケーションは有効な非正規品の猶予期間内で実行されています。', '應用程式正在有效的非正版寬限期內執行。'),
    causes: [t('Windows failed genuine validation; the grace period is still running.', 'Windows が正規品の検証に失敗しました。猶予期間はまだ続いています。', 'Windows 未通過正版驗證；寬限期仍在進行中。')],
    fixes: [{ text: t('Validate Windows online.', 'Windows をオンラインで検証します。', '線上驗證 Windows。'), command: 'slui.exe' }],
    docs: [DOC_EC],
  },
  '0xC004C017': {
    name: null,
    meaning: t('The activation server says the product key is blocked for this geographic location.', 'ライセンス認証サーバーによると、プロダクト キーはこの地域でブロックされています。', '啟用伺服器表示產品金鑰在此地理位置遭到封鎖。'),
    causes: [t('The key is restricted to another region.', 'キーが別の地域に制限されています。', '金鑰僅限其他地區使用。')],
    fixes: [FIX_ACTIVATION_CENTER],
    docs: [DOC_EC],
  },
  '0xC004B100': {
    name: null,
    meaning: t('The activation server determined that the computer could not be activated.', 'ライセンス認証サーバーは、このコンピューターをライセンス認証できないと判断しました。', '啟用伺服器判定此電腦無法啟用。'),
    causes: [t('The activation server refused the request (online MAK or KMS host activation).', 'ライセンス認証サーバーが要求を拒否しました (MAK または KMS ホストのオンライン ライセンス認証)。', '啟用伺服器拒絕了要求 (MAK 或 KMS 主機的線上啟用)。')],
    fixes: [FIX_ACTIVATION_CENTER],
    docs: [DOC_EC],
  },
  '0xC004F02C': {
    name: null,
    meaning: t('The format of the offline activation data is incorrect.', 'オフライン ライセンス認証データの形式が正しくありません。', '離線啟用資料的格式不正確。'),
    causes: [t('A mistyped confirmation ID during phone activation.', '電話によるライセンス認証で確認 ID が誤って入力されました。', '電話啟用時確認識別碼輸入錯誤。')],
    fixes: [{ text: t('Enter the confirmation ID again.', '確認 ID を入力し直します。', '重新輸入確認識別碼。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /atp <confirmation-id>' }],
    docs: [DOC_EC],
  },
  '0xC004F304': {
    name: null,
    meaning: t('Token-based activation: the required license could not be found.', 'トークン ベースのライセンス認証: 必要なライセンスが見つかりません。', '以權杖為基礎的啟用：找不到所需的授權。'),
    causes: [t('The token-activation license (.xrm-ms) is not installed.', 'トークン ライセンス認証用のライセンス (.xrm-ms) がインストールされていません。', '未安裝權杖啟用授權 (.xrm-ms)。')],
    fixes: [{ text: t('Install the issuance license, or use KMS (set the activation type).', '発行ライセンスをインストールするか、KMS を使用します (ライセンス認証の種類を設定)。', '安裝發行授權，或改用 KMS (設定啟用類型)。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /act-type:2' }],
    docs: [DOC_EC],
  },
  '0xC004F305': {
    name: null,
    meaning: t('Token-based activation: no certificate in the system can activate the product.', 'トークン ベースのライセンス認証: 製品をライセンス認証できる証明書がシステムにありません。', '以權杖為基礎的啟用：系統中沒有可啟用產品的憑證。'),
    causes: [t('The token-activation certificate is missing.', 'トークン ライセンス認証用の証明書がありません。', '缺少權杖啟用憑證。')],
    fixes: [{ text: t('Install the certificate, or use KMS (set the activation type).', '証明書をインストールするか、KMS を使用します (ライセンス認証の種類を設定)。', '安裝憑證，或改用 KMS (設定啟用類型)。'), command: 'cscript //nologo %SystemRoot%\\System32\\slmgr.vbs /act-type:2' }],
    docs: [DOC_EC],
  },
};

/** Codes in the catalog, canonical form: ERROR-CODES.md order, then the extra codes slmgr.vbs names. */
export const knownErrorCodes: readonly string[] = Object.keys(CATALOG);

/**
 * Canonical HRESULT text (`0xC004F074`) from what tools print: `0xc004f074`, `C004F074`,
 * PowerShell's signed `-1073418124`, unsigned decimal, `0x0`. Null when it is not a 32-bit value.
 */
export function normalizeHresult(input: string | number): string | null {
  let value: number;
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return null;
    value = input;
  } else {
    const text = input.trim();
    if (/^0x[0-9a-f]{1,8}$/i.test(text)) value = Number.parseInt(text.slice(2), 16);
    // Bare hex needs all 8 digits or a letter: "80070005" is the HRESULT, "1688" stays decimal.
    else if (/^[0-9a-f]{8}$/i.test(text) || /^(?=.*[a-f])[0-9a-f]{1,8}$/i.test(text)) value = Number.parseInt(text, 16);
    else if (/^-?\d{1,10}$/.test(text)) value = Number(text);
    else return null;
  }
  if (value < -0x80000000 || value > 0xffffffff) return null;
  const unsigned = value < 0 ? value + 0x100000000 : value;
  return `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The HRESULT as `normalizeHresult` writes it, or the trimmed text when it is not one (kept, never dropped). */
export function canonicalHresult(hresult: string): string {
  return normalizeHresult(hresult) ?? hresult.trim();
}

/** True for an HRESULT that means success: 0, or the informational 0x4004F040; an absent code counts as success. */
export function isSuccessHresult(hresult: string | undefined | null): boolean {
  if (hresult === undefined || hresult === null || hresult === '0x0' || hresult === '0x00000000') return true;
  const canonical = normalizeHresult(hresult);
  return canonical === '0x00000000' || canonical === '0x4004F040';
}

/**
 * Whether the code is an answer of Microsoft's activation server (the SL_E_CHPA_* codes: key blocked, invalid,
 * over its activation limit). Only a MAK, retail or KMS host key is activated there; a KMS client (GVLK)
 * asks its KMS host and never gets one of these.
 */
export function isActivationServerAnswer(hresult: string | null | undefined): boolean {
  const canonical = hresult == null ? null : normalizeHresult(hresult);
  return canonical !== null && CATALOG[canonical]?.name?.startsWith('SL_E_CHPA_') === true;
}

/**
 * Everything known about an activation error code, in three languages. Unknown or unreadable codes
 * come back with known=false and the `slui.exe 0x2a` hint that shows Microsoft's own text.
 */
export function lookupErrorCode(input: string | number): ErrorCodeInfo {
  const hresult = normalizeHresult(input);
  const entry = hresult === null ? undefined : CATALOG[hresult];
  if (hresult !== null && entry !== undefined) return { hresult, known: true, ...entry };
  const shown = hresult ?? String(input).trim().slice(0, 40);
  return {
    hresult: shown,
    known: false,
    name: null,
    meaning:
      hresult === null
        ? t(`"${shown}" is not an HRESULT error code.`, `"${shown}" は HRESULT エラー コードではありません。`, `"${shown}" 不是 HRESULT 錯誤碼。`)
        : t(
            `${hresult} is not in KMS Doctor's catalog of activation errors.`,
            `${hresult} は KMS Doctor のライセンス認証エラーの一覧にありません。`,
            `${hresult} 不在 KMS Doctor 的啟用錯誤目錄中。`,
          ),
    causes: [],
    fixes:
      hresult === null
        ? []
        : [
            {
              text: t(
                "Show Microsoft's description of this code on the affected Windows machine.",
                '対象の Windows コンピューターで、このコードに対する Microsoft の説明を表示します。',
                '在受影響的 Windows 電腦上顯示 Microsoft 對此代碼的說明。',
              ),
              command: `slui.exe 0x2a ${hresult}`,
            },
          ],
    docs: [DOC_EC],
  };
}
