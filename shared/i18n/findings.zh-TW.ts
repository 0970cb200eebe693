import type { FindingTexts } from './findings-shape.js';

/**
 * 發現項目文字（繁體中文）。用語依照 Microsoft KMS 疑難排解指導方針的繁體中文版：啟用、KMS 主機、
 * KMS 用戶端、計數、用戶端電腦識別碼 (CMID)、一般大量授權金鑰 (GVLK)。
 */
export const findingsZhTw: FindingTexts = {
  common: {
    licenseState: {
      unlicensed: '未授權',
      licensed: '已授權',
      initialGrace: '初始寬限期',
      additionalGrace: '額外寬限期 (KMS 授權已過期或硬體變更超出容許範圍)',
      nonGenuineGrace: '非正版寬限期',
      notification: '通知',
      extendedGrace: '延長寬限期',
      unknown: '未回報狀態',
    },
    windowIncomplete: {
      capped: '事件期間不完整：從 {{log}} 讀取了 {{records}} 個事件，已達上限 {{maxEvents}} 個，因此 {{windowDays}} 天期間中較舊的部分遺失，此處的計數可能偏低。',
      stopped: '事件期間不完整：{{log}} 的查詢在讀取 {{records}} 個事件後停止（{{reason}}），因此 {{windowDays}} 天期間的一部分遺失，此處的計數可能偏低。',
      timeout: '事件期間不完整：讀取 {{log}} 在 {{records}} 個事件後逾時，因此 {{windowDays}} 天期間的一部分遺失，此處的計數可能偏低。',
      processError: '事件期間不完整：讀取 {{log}} 的程式在 {{records}} 個事件後失敗，結束代碼為 {{exitCode}}，因此 {{windowDays}} 天期間的一部分遺失，此處的計數可能偏低。',
      skipped_one: '事件期間不完整：{{log}} 中有 1 筆損毀的記錄無法讀取而被略過，因此此處的計數可能偏低。',
      skipped_other: '事件期間不完整：{{log}} 中有 {{count}} 筆損毀的記錄無法讀取而被略過，因此此處的計數可能偏低。',
    },
    caution: {
      ipk: '會取代已安裝的產品金鑰：只在尚未啟用的電腦上執行，絕不在授權正常運作的電腦上執行。',
      rearm: '會重設授權狀態與寬限期（次數有限）：只在尚未啟用的複製電腦上執行。',
      sysprep: '請在擷取前的參考映像上執行，絕不在使用中的電腦上執行：它會移除電腦的識別資訊並關機。',
      edition: '會變更版本並重新啟動電腦：請安排維護時段。',
      firewall: '會在主機的防火牆上開啟連接埠。',
      restart: '會重新啟動服務：數秒內啟用要求會被拒絕。',
    },
    verdict: {
      problem_one: '根本原因：{{title}}。另有 1 個發現項目也由此造成。',
      problem_other: '根本原因：{{title}}。另有 {{count}} 個發現項目也由此造成。',
      problem_zero: '根本原因：{{title}}。',
      warning_one: '未發現問題；1 個警告：{{title}}。',
      warning_other: '未發現問題；{{count}} 個警告，第一個：{{title}}。',
      healthy: '未發現問題。',
      unknown: '證據不足，無法判斷。缺少：{{missing}}。',
    },
    works: {
      activatedByOn: 'Windows 已由 {{host}} 啟用（最後一次回應 {{time}}）。',
      activatedBy: 'Windows 已由 KMS 主機 {{host}} 啟用。',
      activated: 'Windows 已透過 KMS 啟用。',
      renews_one: '將於 {{days}} 天後更新。',
      renews_other: '將於 {{days}} 天後更新。',
      validUntil_one: '啟用有效期限至 {{date}}（剩餘 {{days}} 天）。',
      validUntil_other: '啟用有效期限至 {{date}}（剩餘 {{days}} 天）。',
      validFor_one: '啟用還有 {{days}} 天有效。',
      validFor_other: '啟用還有 {{days}} 天有效。',
      licensedOther: 'Windows 已透過 {{channel}} 授權；與 KMS 無關。',
      hostLicensed: 'KMS 主機金鑰（{{channel}}）已啟用。',
      hostRequests: '截至 {{end}} 的 30 天內，{{clients}} 台電腦共 {{requests}} 個要求，其中 {{refused}} 個被拒絕。',
      hostCount: 'slmgr 回報的目前計數為 {{count}}。',
      family: {
        'client-os': 'Windows 用戶端作業系統：計數 {{has}}（需要 {{needs}}，{{clients}} 台用戶端提出要求）。',
        'server-office': 'Windows Server 與 Office：計數 {{has}}（需要 {{needs}}，{{clients}} 台用戶端提出要求）。',
      },
      published: '已在 {{domain}} 的 DNS 中發佈（事件 12294，{{time}}）。',
    },
    check: {
      licence: 'Windows 作業系統的授權',
      dnsSrv: 'DNS SRV 記錄 _vlmcs._tcp',
      port: '到 KMS 主機的 TCP 連線',
      kmsRpc: 'KMS RPC 端點回應',
      answers: '啟用要求獲得回應',
      clock: '用戶端時鐘誤差在 4 小時內',
      kmsHostKey: 'KMS 主機金鑰已安裝並啟用',
      count: 'KMS 計數達到門檻',
      publishing: 'DNS 發佈',
      firewall: '防火牆允許 KMS 連接埠',
      requests: '要求已送達並被接受',
      eventLog: '金鑰管理服務記錄未滿',
    },
  },
  client: {
    'channel-not-kms': {
      title: '不是 KMS 用戶端：已安裝 {{channel}} 金鑰',
      titleLicensed: '已透過 {{channel}} 授權：與 KMS 無關',
      explanationLicensed: '{{product}} 已透過 {{channel}} 金鑰授權，此金鑰向 Microsoft 啟用，而非向 KMS 主機啟用。這是正常運作的授權，KMS 的發現項目不適用。',
      explanationUnknownStatus: '{{product}} 安裝的是 {{channel}} 金鑰，但未回報授權狀態，因此無法得知是否正常運作。在確認之前請勿變更任何設定。',
      explanationNotMeant:
        '{{product}} 安裝的是 {{channel}} 金鑰且尚未啟用。證據中沒有任何跡象顯示此電腦應使用 KMS（未設定 KMS 主機、沒有 SRV 記錄、沒有 KMS 要求）：請以其自身的金鑰啟用，若要加入 KMS 則安裝 GVLK。',
      explanation: '{{product}} 安裝的是 {{channel}} 產品金鑰，因此永遠不會向 KMS 主機要求啟用。KMS 用戶端需要其版本的一般大量授權金鑰 (GVLK，即「KMS 用戶端安裝金鑰」)。',
      fix: {
        ipk: '以系統管理員身分安裝此版本的 GVLK（見「KMS 用戶端啟用與產品金鑰」表格）：',
        ato: '接著向 KMS 主機啟用：',
        office: 'Office 請以系統管理員身分用 ospp.vbs 安裝 Office 的 GVLK：',
        nothing: '不需處理：授權正常運作。只有在此電腦必須改用 KMS 時才變更金鑰。',
        status: '再次讀取授權狀態：',
        own: '或者，若此電腦應保留其自身的金鑰，請線上啟用該金鑰：',
      },
    },
    'edition-no-volume': {
      title: '不支援大量授權的版本：{{edition}}',
      explanationLicensed: '{{edition}} 已以其自身的金鑰授權。它無法使用 KMS，但授權正常運作，不需變更。',
      explanationEval: '{{edition}} 是評估版：使用有時間限制的授權，任何 KMS 主機都無法啟用，評估期結束後即停止運作。',
      explanationEvalLicensed: '{{edition}} 是仍在評估期內的評估版。KMS 無法啟用它；若要繼續使用，請在評估期結束前轉換。',
      explanation: '{{edition}} 是 Home/Core 版本。這些版本完全無法透過 KMS 啟用，也沒有對應的 GVLK。',
      fix: {
        upgrade: '將電腦升級到大量授權涵蓋的版本（Pro、Enterprise、Education），再安裝其 GVLK。',
        retail: '或改用其零售/OEM 授權啟用，而不是 KMS。',
        nothing: '授權正常運作期間不需處理。',
        convert: '以 GVLK 將 Server 評估版轉換為大量授權版本（伺服器會重新啟動）：',
        reinstall: '用戶端評估版無法轉換：請安裝大量授權版本。',
      },
    },
    'not-activated': {
      title: 'Windows 尚未啟用（$t(common.licenseState.{{status}})）',
      titleEvent: 'Windows 啟用失敗（事件 8198）',
      explanationEvent: '用戶端記錄了事件 8198「授權啟用失敗」，之後沒有成功的啟用：這部電腦尚未啟用。若證據足以判斷原因，本報告的其他發現項目會指出。',
      explanation: '{{product}} 是 KMS 用戶端，但授權狀態為 $t(common.licenseState.{{status}})：尚未取得 KMS 啟用。',
      explanationReason: '{{product}} 是 KMS 用戶端，但授權狀態為 $t(common.licenseState.{{status}})，原因 {{reason}}：{{meaning}}。若證據足以判斷原因，本報告的其他發現項目會指出。',
      fix: {
        causes: '先修正上方發現項目所指出的原因（DNS、網路、主機計數、時間）。',
        ato: '然後執行啟用並查看結果：',
      },
    },
    'dns-no-srv': {
      title: 'DNS 中沒有 KMS SRV 記錄（{{names}}）',
      explanation: 'KMS 用戶端透過其網域中的 DNS SRV 記錄 _vlmcs._tcp 找到 KMS 主機。沒有任何 DNS 伺服器針對 {{names}} 傳回此記錄，因此自動探索失敗（0x8007232B「DNS 名稱不存在」）。',
      explanationOverride: '沒有任何 DNS 伺服器有 {{names}} 的 _vlmcs._tcp SRV 記錄。此用戶端已固定 KMS 主機（{{override}}），不需要 DNS，但 {{domain}} 中的其他用戶端都需要。',
      explanationEvent: '用戶端記錄了 {{hresult}}：它查詢 _vlmcs._tcp SRV 記錄時找不到任何結果，因此不知道任何 KMS 主機。',
      fix: {
        check: '檢查用戶端的 DNS 傳回什麼：',
        publish: '在 KMS 主機上確認已啟用 DNS 發佈，且記錄的是事件 12294（成功）而不是 12293（失敗）。',
        manual: '或在 DNS 伺服器上手動建立 SRV 記錄：',
        skms: '或直接為此用戶端指定主機：',
      },
    },
    'dns-srv-target-unresolved': {
      title: 'SRV 記錄指向的 {{target}} 無法解析',
      explanation: 'DNS 的 _vlmcs._tcp 記錄指向 {{target}}，但該名稱沒有 A/AAAA 記錄。用戶端無法連線到無法解析的主機；這可能是已淘汰主機的過時記錄。',
      fix: {
        check: '檢查名稱：',
        stale: '刪除過時的 SRV 記錄，或為主機提供可更新的 A 記錄。',
      },
    },
    'dns-servers-disagree': {
      title: 'DNS 伺服器對 {{name}} 的回應不一致',
      explanation: 'DNS 伺服器 {{servers}} 對 {{name}} 的回應不一致。依用戶端詢問的伺服器不同，會找到不同的 KMS 主機或完全找不到：通常是區域尚未複寫，或伺服器轉送到其他地方。',
      fix: {
        replicate: '讓用戶端使用的每一台 DNS 伺服器都有相同的區域（複寫、轉寄站）。',
        check: '比較每台伺服器：',
      },
    },
    'kms-override': {
      title: '已手動指定 KMS 主機：{{host}}',
      explanationWorks: '此用戶端使用固定的 KMS 主機 {{host}}（slmgr /skms），而不是 DNS 自動探索。該主機以 KMS 主機身分回應。',
      explanationBroken: '此用戶端使用固定的 KMS 主機 {{host}}（slmgr /skms）並忽略 DNS 自動探索，但該主機沒有以 KMS 主機身分回應。在修正或清除此設定前無法啟用。',
      explanationUntested: '此用戶端使用固定的 KMS 主機 {{host}}（slmgr /skms），而不是 DNS 自動探索。未測試該主機是否回應。',
      fix: {
        clear: '清除設定以回到 DNS 自動探索：',
        set: '或指定可用的主機：',
        keep: '若為刻意設定則不需處理；移轉主機時請記得此設定。',
      },
    },
    'dns-multiple-hosts': {
      title: 'DNS 中發佈了 {{count}} 台 KMS 主機',
      explanation: 'DNS 列出 {{count}} 台 KMS 主機（{{hosts}}）。用戶端會隨機選擇一台，因此計數會分散；不明的項目可能是惡意或已淘汰的主機。',
      fix: {
        review: '檢查記錄：',
        remove: '刪除不應存在的主機記錄；用戶端超過 50 台時，保留至少兩台合法主機。',
      },
    },
    'port-unreachable': {
      title: '無法連線到 KMS 連接埠 {{host}}',
      explanationRefused: '到 {{host}} 的 TCP 連線被拒絕：電腦在線，但連接埠 {{port}} 沒有服務在接聽（軟體保護服務已停止，或連接埠不同）。',
      explanationFiltered: '到 {{host}} 的 TCP 連線逾時：有防火牆丟棄了送往連接埠 {{port}} 的流量（主機防火牆規則未啟用、網路防火牆或 VPN 通道）。',
      explanationUnreachable: '沒有到 {{host}} 的網路路由。',
      fix: {
        test: '從用戶端測試：',
        firewall: '在 KMS 主機上啟用內建的金鑰管理服務規則（以固定名稱指定，各語言皆相同）：',
        firewallPort: '在 KMS 主機上允許 TCP {{port}}：',
        service: '在 KMS 主機上啟動軟體保護服務：',
      },
    },
    'not-kms-endpoint': {
      title: '{{host}} 不是 KMS 主機',
      explanation: '連接埠 {{host}} 接受連線，但不接受 KMS RPC 介面（結果：{{rpc}}）。該處接聽的是其他程式，或 SRV 記錄指向錯誤的電腦。',
      fix: {
        check: '在該電腦上查看接聽此連接埠的處理程序：',
        srv: '將 SRV 記錄或 /skms 設定更正為真正的 KMS 主機。',
      },
    },
    'no-response': {
      title: '{{host}} 沒有回應啟用要求',
      explanation: '最近一次要求（事件 12288，{{time}}）沒有對應的回應（12289）：未連線到 {{host}} 或主機沒有回應（{{requests}} 個要求中有 {{unanswered}} 個沒有回應）。',
      fix: {
        test: '從用戶端測試連線：',
        host: '在主機的金鑰管理服務記錄中確認是否有此用戶端的 12290；沒有表示要求從未到達。',
      },
    },
    'count-insufficient': {
      title: 'KMS 主機計數不足：{{count}} / {{needs}}',
      explanation: '主機已回應（事件 12289），但計數為 {{count}}，而此產品需要 {{needs}}。網路與 DNS 正常；主機看到的不同用戶端還不夠多（0xC004F038）。',
      explanationCode: '啟用失敗，錯誤 0xC004F038：主機已回應，但計數低於此產品需要的 {{needs}}。網路與 DNS 正常；主機看到的不同用戶端還不夠多。',
      fix: {
        host: '在 KMS 主機上檢查目前計數：',
        duplicates: '若用戶端很多但計數一直很低，請在主機上尋找重複的 CMID（複製的映像）。',
        wait: '否則當 30 天內有足夠的用戶端提出要求時，就會自動啟用。',
      },
    },
    'clock-skew': {
      title: '用戶端時間與 KMS 主機不一致',
      explanation: '啟用失敗，錯誤 0xC004F06C：用戶端與主機的時間相差超過 4 小時，主機拒絕了要求（以 UTC 比較，時區無關）。',
      explanationSkew: '要求中的用戶端時間與事件時間相差 {{hours}} 小時（{{minutes}} 分鐘），超過 KMS 主機接受的 4 小時（0xC004F06C）。',
      fix: {
        resync: '同步時間（網域階層或 NTP）：',
        compare: '與主機比較：',
      },
    },
    'activation-error': {
      title: '啟用錯誤 {{hresult}} {{name}}',
      explanation: '最近一次啟用失敗，錯誤 {{hresult}}（{{name}}）：{{meaning}}。',
      explanationUnknown: '最近一次啟用失敗，錯誤 {{hresult}}，本工具沒有此代碼的說明。',
      titleNoCode: '啟用失敗 (未顯示錯誤碼)',
      explanationNoCode:
        '一次啟用嘗試失敗：slmgr 輸出了「{{message}}」，但沒有錯誤碼。此次嘗試並未啟用產品，而此輸出無法說明原因。錯誤碼記錄在該次嘗試的 Security-SPP 事件 8198 中，或在主控台重新執行 /ato 時 slmgr 的回應中。',
      fix: {
        events: '顯示最近幾次啟用失敗的錯誤碼 (事件 8198)：',
        lookup: '顯示 Windows 本身對此代碼的說明：',
        retry: '修正原因後重試：',
      },
    },
    'not-elevated': {
      title: '未以系統管理員權限收集',
      explanation: '證據是從未提升權限的命令提示字元收集的。部分事件記錄與 WMI 資料需要提升權限，因此某些檢查可能不完整；沒有發現項目並不代表一切正常。',
      fix: { rerun: '以「以系統管理員身分執行」重新執行 KMS Doctor。' },
    },
  },
  host: {
    'not-kms-host': {
      title: '此電腦不是 KMS 主機',
      explanation: '預期此電腦是 KMS 主機（{{why}}），但 slmgr 沒有顯示 KMS 主機金鑰：其通道為 {{channel}}。未安裝並啟用 KMS 主機金鑰 (CSVLK) 就無法啟用任何用戶端。',
      explanationNoKey:
        '預期此電腦是 KMS 主機（{{why}}），但其 KMS 主機授權 {{product}} 未安裝金鑰（授權未使用中）。未安裝並啟用 KMS 主機金鑰 (CSVLK) 就無法啟用任何用戶端。若金鑰是刻意移除的（未經授權的主機），這裡不需要做任何事。',
      fix: {
        ipk: '以系統管理員身分安裝大量授權服務中心 (VLSC) 提供的 KMS 主機金鑰：',
        ato: '然後在線上啟用：',
      },
    },
    'not-licensed': {
      title: 'KMS 主機金鑰尚未啟用（$t(common.licenseState.{{status}})）',
      explanation: '{{product}} 的授權狀態為 $t(common.licenseState.{{status}})。本身授權未啟用的 KMS 主機無法啟用用戶端（用戶端會收到 0xC004F041）。',
      explanationReason: '{{product}} 的授權狀態為 $t(common.licenseState.{{status}})（{{reason}}：{{meaning}}）。本身授權未啟用的 KMS 主機無法啟用用戶端（0xC004F041）。',
      titleAttempt: 'KMS 主機金鑰未啟用（啟用失敗，錯誤 {{reason}}）',
      titleNoCode: 'KMS 主機金鑰未啟用（啟用失敗，未顯示錯誤碼）',
      explanationNoCode:
        '{{product}} 的啟用失敗：slmgr 輸出「{{message}}」，但沒有錯誤碼。這次嘗試並未啟用主機金鑰，而此輸出無法說明原因。本身授權未啟用的 KMS 主機無法啟用用戶端（0xC004F041）。錯誤碼記錄在應用程式記錄檔中這次嘗試的 Security-SPP 事件 8198，或在主控台再次執行 /ato 時 slmgr 的回應中。',
      explanationAttempt: '{{product}} 的啟用失敗，錯誤 {{reason}}：{{meaning}}。本身授權未啟用的 KMS 主機無法啟用用戶端（0xC004F041）。',
      fix: {
        ato: '在線上啟用主機金鑰：',
        events: '顯示最近幾次啟用失敗的錯誤碼（應用程式記錄檔中的事件 8198）：',
        retry: '依錯誤碼排除原因後，再次啟用主機金鑰：',
        phone: '無法連上網際網路時，以電話啟用（顯示安裝識別碼）：',
      },
    },
    'count-below-threshold': {
      title: 'KMS 計數 {{has}} 低於所需的 {{needs}}',
      explanationClient: '在 {{start}} 至 {{end}} 的 30 天內，主機看到 {{has}} 個不同的用戶端 (CMID)；其中 {{clients}} 個是 Windows 用戶端作業系統，必須在計數達到 25 或更高時才會啟用。在此之前會收到 0xC004F038。',
      explanationServer: '在 {{start}} 至 {{end}} 的 30 天內，主機看到 {{has}} 個不同的用戶端 (CMID)；Windows Server 與 Office（{{clients}} 個用戶端）需要計數 5 或更高。在此之前會收到 0xC004F038。',
      explanationSlmgr: 'slmgr 回報目前計數為 {{has}}。Windows 用戶端作業系統在 25 時啟用，Windows Server 與 Office 在 5 時啟用；低於此值時用戶端會收到 0xC004F038。',
      fix: {
        more: '當 30 天內有更多不同的電腦要求啟用時，計數會自行增加。',
        duplicates: '若已有許多電腦提出要求，請尋找重複的 CMID（未經 sysprep 的複製映像）。',
        consolidate: '若有多台 KMS 主機分攤用戶端，減少主機可讓每台更快達到門檻。',
      },
    },
    'duplicate-cmid': {
      title: '重複的用戶端電腦識別碼：{{cmids}} 個 CMID 由 {{machineCount}} 台電腦共用',
      explanation: '多台電腦回報相同的 CMID，因此主機把它們算成一個用戶端：無論有多少電腦提出要求，計數都不會增加（常停在 1）。這些電腦來自未一般化的映像：{{machines}}。',
      fix: {
        sysprep: '僅在參考映像上（絕不在此主機或使用中的電腦上），擷取並再次複製前先將其一般化：',
        rearm: '在每台複製出的電腦上重設其 CMID，然後重新啟動：',
      },
    },
    'request-failures': {
      title: '要求失敗，錯誤 {{hresult}} {{name}}',
      explanation: '在 {{first}} 至 {{last}} 之間，來自 {{machineCount}} 台電腦的 {{requests}} 個要求收到 {{hresult}}：{{meaning}}。電腦：{{machines}}。',
      fix: {
        clock: '這些用戶端的時間與主機相差超過 4 小時，請同步：',
        csvlk: '主機金鑰群組無法啟用這些產品：請檢查已安裝的 CSVLK，必要時安裝較新的金鑰：',
        lookup: '顯示 Windows 本身對此代碼的說明：',
      },
    },
    'dns-publishing-disabled': {
      title: '主機已停用 DNS 發佈',
      explanation: '主機不會登錄其 _vlmcs._tcp SRV 記錄。除非有人手動建立記錄或以 /skms 指定，用戶端找不到此主機。',
      fix: {
        enable: '啟用發佈：',
        restart: '然後重新啟動軟體保護服務：',
        manual: '若是刻意停用，請確認每個用戶端網域都有手動建立的 SRV 記錄。',
      },
    },
    'dns-publish-failed': {
      title: '發佈到 {{domain}} 的 DNS 失敗（{{hresult}}）',
      explanation: '事件 12293：主機無法在 {{domain}} 登錄其 SRV 記錄：{{hresult}} {{meaning}}。該網域的用戶端無法探索到它。',
      explanationPermission: '事件 12293，0x80072338：{{domain}} 中的 _VLMCS 記錄已存在但屬於另一台主機，而此主機沒有更新它的權限。',
      fix: {
        permission: '在 DNS 伺服器上，授與此主機（或所有 KMS 主機的群組）對 _VLMCS 記錄的完全控制權限。',
        dns: '檢查主機的 DNS 設定：',
        restart: '然後重新啟動軟體保護服務並確認事件 12294：',
        lookup: '顯示 Windows 本身對此代碼的說明：',
      },
    },
    'srv-mismatch': {
      title: 'SRV 記錄 {{name}} 並非只指向此主機',
      explanationElsewhere: '{{name}} 指向 {{targets}}，而不是此主機（{{host}}）。該網域的用戶端會被導向其他地方。',
      explanationOthers: '{{name}} 除了此主機外還指向 {{others}}。用戶端與計數會被分散。',
      fix: {
        check: '檢查記錄：',
        remove: '刪除不應服務此網域之主機的項目。',
      },
    },
    'firewall-closed': {
      title: '防火牆封鎖了 KMS 連接埠 {{port}}',
      explanation: 'Windows 防火牆已開啟（{{profiles}}），且沒有允許 TCP {{port}} 的已啟用輸入規則。內建的 KMS 防火牆例外不會自動啟用。',
      fix: {
        builtin: '以固定名稱（各語言皆相同）啟用內建的金鑰管理服務規則：',
        rule: '以專用規則允許 TCP {{port}}：',
      },
    },
    'no-requests': {
      title: '過去 30 天沒有啟用要求',
      explanation: '金鑰管理服務記錄中，{{start}} 至 {{end}} 之間沒有事件 12290（整個記錄共 {{total}} 個）。沒有用戶端連到此主機：請檢查 DNS 發佈、防火牆，以及用戶端是否使用 KMS。',
      explanationSlmgr: '根據 slmgr，此主機從未收到任何要求（Total requests received: 0），這也是計數為 0 的原因。沒有用戶端連到此主機：請檢查 DNS 發佈、防火牆，以及用戶端是否使用 KMS。',
      fix: {
        clients: '在用戶端上確認其使用的 KMS 主機：',
        reach: '從用戶端測試連接埠：',
      },
    },
    'log-full': {
      title: '金鑰管理服務記錄已滿',
      explanation: '記錄「{{log}}」已滿（模式 {{mode}}，{{records}} 筆）且不會覆寫：新的 12290 事件不會被記錄，因此記錄中缺少最近的要求。',
      fix: {
        export: '先儲存記錄：',
        circular: '然後設定為覆寫舊事件：',
      },
    },
    'nondefault-port': {
      title: 'KMS 主機在連接埠 {{port}} 上接聽',
      explanation: '主機在 {{port}} 而不是 1688 上接聽。SRV 記錄與所有防火牆規則都必須使用 {{port}}。',
      fix: {
        srv: '確認發佈的 SRV 記錄與防火牆規則使用連接埠 {{port}}。',
        reset: '或改回預設連接埠：',
      },
    },
  },
  collect: {
    failed: {
      title: '無法收集：{{collector}}',
      explanation: '{{collector}} 失敗（$t(collect.failed.reason.{{reason}})）。因此缺少：{{missing}}；需要它的檢查無法進行。',
      explanationNothingMissing: '{{collector}} 失敗（$t(collect.failed.reason.{{reason}})）。',
      reason: {
        timeout: '逾時',
        'not-found': '此電腦上找不到',
        'access-denied': '存取遭拒：請以系統管理員身分執行',
        'constrained-language': '此電腦的 PowerShell 受到限制 (WDAC 或 AppLocker 的受限語言模式)',
        'no-vbscript': '未安裝 VBScript (自 Windows 11 24H2 起為選用功能)',
        'no-powershell': '找不到 Windows PowerShell 或無法啟動',
        'could-not-start': '程式無法啟動',
        cancelled: '已取消',
        'exit-code': '命令以錯誤結束',
        'no-output': '沒有傳回結果',
        'not-saved': '無法儲存其輸出',
        unreadable: '無法讀取檔案',
        other: '失敗',
      },
      fix: { rerun: '重新（以系統管理員身分）收集，或手動附上該輸出。' },
    },
    'event-window-incomplete': {
      fix: { rerun: '請重新收集，或手動將整個記錄匯出為 XML（wevtutil qe "<記錄>" /f:xml）並分析該檔案。' },
    },
    'missing-evidence': {
      title: '缺少證據：$t(collect.missing-evidence.label.{{what}})',
      label: {
        slmgr: '授權狀態（slmgr /dlv 或 WMI）',
        clientEvents: '用戶端啟用事件（應用程式記錄檔 12288/12289）',
        probes: 'DNS 與網路檢查（SRV 記錄、TCP 1688、KMS RPC）',
        hostEvents: '金鑰管理服務記錄（12290）',
      },
      explanation: {
        slmgr: '找不到 slmgr /dlv 輸出或授權 WMI 資料。未檢查授權狀態、通道與 KMS 設定：沒有相關發現項目代表「未檢查」，而不是「正常」。',
        clientEvents: '找不到應用程式記錄的事件 12288/12289。未進行要求與回應的配對、回報給用戶端的計數與時間檢查。',
        probes: '找不到 DNS SRV 與連接埠檢查結果。未檢查 DNS 探索與主機的連線能力。',
        hostEvents: '找不到金鑰管理服務記錄的事件 (12290)。未分析各產品系列的計數、重複的 CMID 與失敗的要求。',
      },
      fix: {
        slmgr: '加入以下命令（以系統管理員身分執行）的輸出：',
        clientEvents: '以 XML 加入用戶端的應用程式記錄（Microsoft-Windows-Security-SPP 事件）。',
        probes: '在用戶端或其附近執行 kms-doctor probe 並加入其 JSON。',
        hostEvents: '以 XML 加入主機的「Key Management Service」記錄（wevtutil qe "Key Management Service" /f:xml）。',
      },
    },
    'contradictory-evidence': {
      title: '證據互相矛盾',
      explanationHostClient: 'slmgr 顯示 KMS 主機金鑰，但事件是 KMS 用戶端的（要求 12288），且找不到 KMS 主機事件 (12290)。這些檔案可能來自不同電腦。',
      explanationClientHost: 'slmgr 沒有顯示 KMS 主機金鑰，但事件中有 12290（KMS 主機處理的要求）。這些檔案可能來自不同電腦，或主機金鑰之後已被更換。',
      explanationManifest: '資訊清單表示此電腦是 {{manifestRole}}，但 slmgr 顯示為 {{slmgrRole}}。',
      fix: { check: '確認所有檔案都來自同一台電腦與同一次收集；以下發現項目依各檔案原樣判斷。' },
    },
  },
  case: {
    'client-not-seen-by-host': {
      title: '{{clients}} 台用戶端的要求從未記錄在 {{host}}',
      explanation:
        '這些用戶端在 {{host}} 的 Key Management Service 記錄所涵蓋的期間內向 {{host}} 送出啟用要求（事件 12288），但即使考慮記錄顯示的時鐘差異，記錄中在該時間也沒有來自其 CMID 的要求（12290）：要求沒有到達 {{host}}（名稱解析、路由、防火牆，或以該名稱回應的另一台電腦）。用戶端：{{machines}}。',
      explanationElsewhere:
        '這些用戶端將啟用要求（事件 12288）送往 {{host}}，但 {{host}} 不是此案例中的主機，且案例中沒有任何主機記錄包含其 CMID：它們依賴一台缺少證據的 KMS 主機，或其要求未到達任何主機。用戶端：{{machines}}。',
      fix: {
        probe: '在受影響的用戶端上，檢查探索及到主機的路徑：',
        firewall: '在主機上，確認 Key Management Service 防火牆規則已對用戶端的網路設定檔啟用：',
      },
    },
    'host-refuses-client': {
      title: '{{host}} 以 {{hresult}} {{name}} 拒絕 {{clients}} 台用戶端',
      explanation: '{{host}} 的 Key Management Service 記錄中，來自這些用戶端 CMID 的要求以 {{hresult}} 回應：{{meaning}}。用戶端：{{machines}}。',
      fix: { code: '在主機或這些用戶端上修正 {{hresult}} 所指的原因；主機本身的發現項目依錯誤碼列出每個被拒絕的要求。' },
    },
    'shared-cmid': {
      title: '{{clients}} 台用戶端共用 {{cmids}} 個 CMID',
      explanation:
        '多台用戶端電腦回報相同的用戶端電腦識別碼（CMID），因此 KMS 主機將它們算作一台，無論多少電腦提出要求，計數都不會增加。它們來自未一般化的映像：{{machines}}。',
      fix: {
        sysprep: '再次複製映像前，先以 sysprep 將其一般化：',
        rearm: '在每台受影響的電腦上重設其 CMID（然後重新啟動）：',
      },
    },
    'count-below-client-minimum': {
      title: '{{host}} 的計數為 {{count}}；其用戶端需要 {{minimum}}',
      explanation:
        '{{host}} 的用戶端要求的最低計數為 {{minimum}}（Windows 用戶端版本為 25，Windows Server 與 Office 為 5），但主機目前的計數為 {{count}}：在 30 天內有足夠多不同的電腦提出要求之前，主機會回應但不啟用。用戶端：{{machines}}。',
      fix: {
        grow: '計數隨 30 天內每台提出要求的不同電腦（唯一 CMID）增加：讓足夠多的大量授權用戶端指向此主機，或在達到之前以其他方式啟用這些用戶端（以 Active Directory 為基礎的啟用、MAK）。',
        check: '在主機上讀取目前的計數：',
      },
    },
    'clock-skew': {
      title: '{{clients}} 台用戶端的時鐘與 {{host}} 相差超過 4 小時',
      explanation:
        '主機會在要求（12290）中記錄每台用戶端自己的時間。這些用戶端與主機時鐘最多相差 {{hours}} 小時；超過 4 小時 KMS 會拒絕啟用（0xC004F06C）。用戶端：{{machines}}。',
      fix: {
        resync: '將用戶端的時鐘與網域時間來源同步：',
        compare: '比較用戶端與主機的時鐘：',
      },
    },
  },
};
