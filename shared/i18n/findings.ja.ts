import type { FindingTexts } from './findings-shape.js';

/**
 * 検出事項のテキスト (日本語)。用語は Microsoft の KMS トラブルシューティング ガイド (日本語版) に合わせる:
 * ライセンス認証、KMS ホスト、KMS クライアント、カウント、クライアント マシン ID (CMID)。
 */
export const findingsJa: FindingTexts = {
  common: {
    licenseState: {
      unlicensed: 'ライセンスなし',
      licensed: 'ライセンスされています',
      initialGrace: '初期猶予期間',
      additionalGrace: '追加の猶予期間 (KMS ライセンスの期限切れ、またはハードウェアの変更が許容範囲外)',
      nonGenuineGrace: '非正規品の猶予期間',
      notification: '通知',
      extendedGrace: '延長された猶予期間',
      unknown: '状態の報告なし',
    },
    windowIncomplete: {
      capped: 'イベントの期間が不完全です: {{log}} から上限の {{maxEvents}} 件に達する {{records}} 件を読み取ったため、{{windowDays}} 日間のうち古い部分が欠けており、ここでの数は実際より少ない可能性があります。',
      stopped: 'イベントの期間が不完全です: {{log}} のクエリが {{records}} 件を読み取った後に停止した ({{reason}}) ため、{{windowDays}} 日間の一部が欠けており、ここでの数は実際より少ない可能性があります。',
      timeout: 'イベントの期間が不完全です: {{log}} の読み取りが {{records}} 件の後にタイムアウトしたため、{{windowDays}} 日間の一部が欠けており、ここでの数は実際より少ない可能性があります。',
      processError: 'イベントの期間が不完全です: {{log}} を読み取るプログラムが {{records}} 件の後に終了コード {{exitCode}} で失敗したため、{{windowDays}} 日間の一部が欠けており、ここでの数は実際より少ない可能性があります。',
      skipped_one: 'イベントの期間が不完全です: {{log}} の破損したレコード 1 件を読み取れずにスキップしたため、ここでの数は実際より少ない可能性があります。',
      skipped_other: 'イベントの期間が不完全です: {{log}} の破損したレコード {{count}} 件を読み取れずにスキップしたため、ここでの数は実際より少ない可能性があります。',
    },
    caution: {
      ipk: 'インストール済みのプロダクト キーを置き換えます。ライセンス認証されていないコンピューターでのみ実行し、ライセンスが動作しているコンピューターでは実行しないでください。',
      rearm: 'ライセンスの状態と猶予期間をリセットします (回数に制限があります)。ライセンス認証されていない複製でのみ実行します。',
      sysprep: 'キャプチャ前の参照イメージで実行します。使用中のコンピューターでは実行しないでください: コンピューター固有の情報が削除され、シャットダウンします。',
      edition: 'エディションを変更し、コンピューターを再起動します: メンテナンス時間を確保してください。',
      firewall: 'ホストのファイアウォールでポートを開きます。',
      restart: 'サービスを再起動します: 数秒間ライセンス認証要求が拒否されます。',
    },
    verdict: {
      problem_one: '根本原因: {{title}}。ほかの検出事項 1 件もこれが原因です。',
      problem_other: '根本原因: {{title}}。ほかの検出事項 {{count}} 件もこれが原因です。',
      problem_zero: '根本原因: {{title}}。',
      warning_one: '問題は見つかりませんでした。警告 1 件: {{title}}。',
      warning_other: '問題は見つかりませんでした。警告 {{count}} 件 (最初: {{title}})。',
      healthy: '問題は見つかりませんでした。',
      unknown: '判断するための証拠が足りません。不足: {{missing}}。',
    },
    works: {
      activatedByOn: 'Windows は {{host}} によってライセンス認証されています (最後の応答 {{time}})。',
      activatedBy: 'Windows は KMS ホスト {{host}} によってライセンス認証されています。',
      activated: 'Windows は KMS によってライセンス認証されています。',
      renews_one: '{{days}} 日後に更新されます。',
      renews_other: '{{days}} 日後に更新されます。',
      validUntil_one: 'ライセンス認証の有効期限は {{date}} です (残り {{days}} 日)。',
      validUntil_other: 'ライセンス認証の有効期限は {{date}} です (残り {{days}} 日)。',
      validFor_one: 'ライセンス認証はあと {{days}} 日有効です。',
      validFor_other: 'ライセンス認証はあと {{days}} 日有効です。',
      licensedOther: 'Windows は {{channel}} でライセンス認証されています。KMS は関係しません。',
      hostLicensed: 'KMS ホスト キー ({{channel}}) はライセンス認証されています。',
      hostRequests: '{{end}} までの 30 日間に {{clients}} 台から {{requests}} 件の要求があり、拒否は {{refused}} 件です。',
      hostCount: 'slmgr が報告する現在のカウントは {{count}} です。',
      family: {
        'client-os': 'Windows クライアント OS: カウント {{has}} (必要 {{needs}}、要求しているクライアント {{clients}} 台)。',
        'server-office': 'Windows Server と Office: カウント {{has}} (必要 {{needs}}、要求しているクライアント {{clients}} 台)。',
      },
      published: '{{domain}} の DNS に公開されています (イベント 12294、{{time}})。',
    },
    check: {
      licence: 'Windows OS のライセンス',
      dnsSrv: 'DNS SRV レコード _vlmcs._tcp',
      port: 'KMS ホストへの TCP 接続',
      kmsRpc: 'KMS RPC エンドポイントの応答',
      answers: 'ライセンス認証要求への応答',
      clock: 'クライアントの時刻のずれが 4 時間以内',
      kmsHostKey: 'KMS ホスト キーのインストールとライセンス認証',
      count: 'KMS カウントがしきい値に達している',
      publishing: 'DNS への公開',
      firewall: 'ファイアウォールが KMS ポートを許可',
      requests: '要求が届き、受け付けられている',
      eventLog: 'Key Management Service ログがいっぱいでない',
    },
  },
  client: {
    'channel-not-kms': {
      title: 'KMS クライアントではありません: {{channel}} キーがインストールされています',
      titleLicensed: '{{channel}} でライセンス認証済み: KMS は関係しません',
      explanationLicensed:
        '{{product}} は {{channel}} キーでライセンス認証されています。このキーは KMS ホストではなく Microsoft でライセンス認証します。動作しているライセンスであり、KMS の検出事項は当てはまりません。',
      explanationUnknownStatus:
        '{{product}} には {{channel}} キーが入っていますが、ライセンスの状態が報告されていないため、動作しているかどうかわかりません。それがわかるまで何も変更しないでください。',
      explanationNotMeant:
        '{{product}} には {{channel}} キーが入っており、ライセンス認証されていません。このコンピューターが KMS を使うべきことを示す証拠 (KMS ホストの設定、SRV レコード、KMS 要求) はありません。自身のキーでライセンス認証するか、KMS に参加させる場合は GVLK をインストールします。',
      explanation:
        '{{product}} には {{channel}} のプロダクト キーが入っているため、KMS ホストにライセンス認証を要求しません。KMS クライアントには、エディションに対応する汎用ボリューム ライセンス キー (GVLK、KMS クライアント セットアップ キー) が必要です。',
      fix: {
        ipk: 'このエディションの GVLK (「KMS クライアントのライセンス認証とプロダクト キー」の表) を管理者としてインストールします:',
        ato: '続けて KMS ホストに対してライセンス認証を行います:',
        office: 'Office の場合は、ospp.vbs で Office の GVLK を管理者としてインストールします:',
        nothing: '対処は不要です: ライセンスは動作しています。このコンピューターを KMS に移行する場合にのみキーを変更します。',
        status: 'ライセンスの状態をもう一度確認します:',
        own: 'または、このコンピューターが自身のキーを使い続ける場合は、そのキーをオンラインでライセンス認証します:',
      },
    },
    'edition-no-volume': {
      title: 'ボリューム ライセンスのないエディション: {{edition}}',
      explanationLicensed: '{{edition}} は自身のキーでライセンス認証されています。KMS は使えませんが、ライセンスは動作しているため変更は不要です。',
      explanationEval: '{{edition}} は評価版です。期間限定のライセンスで動作し、KMS ホストではライセンス認証できず、評価期間が終わると動作しなくなります。',
      explanationEvalLicensed: '{{edition}} は評価期間中の評価版です。KMS ではライセンス認証できません。使い続ける場合は評価期間が終わる前に変換します。',
      explanation: '{{edition}} は Home/Core エディションです。このエディションは KMS でライセンス認証できず、GVLK もありません。',
      fix: {
        upgrade: 'ボリューム ライセンスの対象エディション (Pro、Enterprise、Education) にアップグレードし、その GVLK をインストールします。',
        retail: 'または KMS ではなく、リテール/OEM ライセンスでライセンス認証します。',
        nothing: 'ライセンスが動作している間は対処不要です。',
        convert: 'Server の評価版を GVLK でボリューム ライセンスのエディションに変換します (サーバーが再起動します):',
        reinstall: 'クライアントの評価版は変換できません: ボリューム ライセンスのエディションをインストールします。',
      },
    },
    'not-activated': {
      title: 'Windows のライセンス認証が完了していません ($t(common.licenseState.{{status}}))',
      titleEvent: 'Windows のライセンス認証に失敗しました (イベント 8198)',
      explanationEvent:
        'クライアントはイベント 8198「ライセンス認証に失敗しました」を記録しており、その後に成功したライセンス認証はありません。このコンピューターはライセンス認証されていません。証拠から原因がわかる場合は、このレポートのほかの検出事項に示されています。',
      explanation: '{{product}} は KMS クライアントですが、ライセンスの状態が $t(common.licenseState.{{status}}) です。KMS によるライセンス認証を受けていません。',
      explanationReason:
        '{{product}} は KMS クライアントですが、ライセンスの状態が $t(common.licenseState.{{status}})、理由は {{reason}} です: {{meaning}}。証拠から原因がわかる場合は、このレポートのほかの検出事項に示されています。',
      fix: {
        causes: 'まず上の検出事項にある原因 (DNS、ネットワーク、ホストのカウント、時刻) を解消します。',
        ato: 'その後ライセンス認証を実行して結果を確認します:',
      },
    },
    'dns-no-srv': {
      title: 'DNS に KMS の SRV レコードがありません ({{names}})',
      explanation:
        'KMS クライアントは、ドメインの DNS SRV レコード _vlmcs._tcp から KMS ホストを見つけます。{{names}} についてこのレコードを返した DNS サーバーはなく、自動検出は失敗します (0x8007232B「DNS 名が存在しません」)。',
      explanationOverride:
        '{{names}} の _vlmcs._tcp SRV レコードはどの DNS サーバーにもありません。このクライアントは KMS ホスト ({{override}}) が固定されているため DNS を使いませんが、{{domain}} のほかのクライアントは DNS が必要です。',
      explanationEvent: 'クライアントは {{hresult}} を記録しました: _vlmcs._tcp SRV レコードの DNS 検索で何も見つからず、KMS ホストを認識していません。',
      fix: {
        check: 'クライアントの DNS が返す内容を確認します:',
        publish: 'KMS ホストで DNS 公開が有効であること、イベント 12293 (失敗) ではなく 12294 (成功) が記録されていることを確認します。',
        manual: 'または DNS サーバーで SRV レコードを手動で作成します:',
        skms: 'またはこのクライアントにホストを直接指定します:',
      },
    },
    'dns-srv-target-unresolved': {
      title: 'SRV レコードが指す {{target}} の名前を解決できません',
      explanation:
        'DNS の _vlmcs._tcp レコードは {{target}} を指していますが、この名前には A/AAAA レコードがありません。名前を解決できないホストには接続できません。廃止したホストの古いレコードと考えられます。',
      fix: {
        check: '名前を確認します:',
        stale: '古い SRV レコードを削除するか、ホストが更新できる A レコードを用意します。',
      },
    },
    'dns-servers-disagree': {
      title: 'DNS サーバーによって {{name}} の応答が異なります',
      explanation:
        'DNS サーバー {{servers}} の {{name}} に対する応答が一致しません。クライアントが問い合わせるサーバーによって、別の KMS ホストが見つかるか、何も見つかりません。ゾーンの複製漏れや別の転送先が典型的な原因です。',
      fix: {
        replicate: 'クライアントが使うすべての DNS サーバーが同じゾーンを持つようにします (複製、フォワーダー)。',
        check: '各サーバーを比較します:',
      },
    },
    'kms-override': {
      title: 'KMS ホストが手動で指定されています: {{host}}',
      explanationWorks: 'このクライアントは DNS による自動検出ではなく、固定の KMS ホスト {{host}} (slmgr /skms) を使います。このホストは KMS ホストとして応答しています。',
      explanationBroken:
        'このクライアントは固定の KMS ホスト {{host}} (slmgr /skms) を使い、DNS による自動検出を行いませんが、このホストは KMS ホストとして応答しません。設定を修正または解除するまでライセンス認証は成功しません。',
      explanationUntested: 'このクライアントは DNS による自動検出ではなく、固定の KMS ホスト {{host}} (slmgr /skms) を使います。このホストの応答は確認していません。',
      fix: {
        clear: '設定を解除して DNS による自動検出に戻します:',
        set: 'または動作するホストを指定します:',
        keep: '意図した設定であれば対処は不要です。ホストを移行するときはこの設定を忘れないでください。',
      },
    },
    'dns-multiple-hosts': {
      title: 'DNS に {{count}} 台の KMS ホストが公開されています',
      explanation:
        'DNS には {{count}} 台の KMS ホスト ({{hosts}}) が登録されています。クライアントはランダムに 1 台を選ぶため、カウントが分散します。見覚えのない登録は不正なホストや廃止したホストの可能性があります。',
      fix: {
        review: 'レコードを確認します:',
        remove: '不要なホストのレコードを削除します。クライアントが 50 台を超える場合は正規のホストを 2 台以上にします。',
      },
    },
    'port-unreachable': {
      title: 'KMS ポート {{host}} に到達できません',
      explanationRefused: '{{host}} への TCP 接続は拒否されました。コンピューターは動作していますが、ポート {{port}} で待ち受けていません (ソフトウェア保護サービスの停止、またはポートの違い)。',
      explanationFiltered: '{{host}} への TCP 接続はタイムアウトしました。ファイアウォールがポート {{port}} への通信を破棄しています (ホストのファイアウォール規則が無効、ネットワーク ファイアウォール、VPN トンネル)。',
      explanationUnreachable: '{{host}} へのネットワーク経路がありません。',
      fix: {
        test: 'クライアントからテストします:',
        firewall: 'KMS ホストで組み込みのキー管理サービスの規則を有効にします (どの言語でも同じ固定の名前で指定します):',
        firewallPort: 'KMS ホストで TCP {{port}} を許可します:',
        service: 'KMS ホストでソフトウェア保護サービスを開始します:',
      },
    },
    'not-kms-endpoint': {
      title: '{{host}} は KMS ホストではありません',
      explanation: 'ポート {{host}} は接続を受け付けましたが、KMS の RPC インターフェイスを受け付けませんでした (結果: {{rpc}})。別のプログラムが待ち受けているか、SRV レコードが別のコンピューターを指しています。',
      fix: {
        check: 'そのコンピューターでポートを待ち受けているプロセスを確認します:',
        srv: 'SRV レコードまたは /skms の設定を本来の KMS ホストに修正します。',
      },
    },
    'no-response': {
      title: '{{host}} からライセンス認証要求への応答がありません',
      explanation:
        '最新の要求 (イベント 12288、{{time}}) に対応する応答 (12289) がありません。{{host}} に到達できなかったか、応答がありませんでした (要求 {{requests}} 件中 {{unanswered}} 件が応答なし)。',
      fix: {
        test: 'クライアントから接続をテストします:',
        host: 'ホストの Key Management Service ログにこのクライアントの 12290 があるか確認します。なければ要求は届いていません。',
      },
    },
    'count-insufficient': {
      title: 'KMS ホストのカウントが不足しています: {{count}} / {{needs}}',
      explanation:
        'ホストは応答しましたが (イベント 12289)、カウントは {{count}} で、この製品には {{needs}} が必要です。ネットワークと DNS は正常で、異なるクライアントの数がまだ足りません (0xC004F038)。',
      explanationCode:
        'ライセンス認証は 0xC004F038 で失敗しました。ホストは応答しましたが、カウントがこの製品に必要な {{needs}} に達していません。ネットワークと DNS は正常です。',
      fix: {
        host: 'KMS ホストで現在のカウントを確認します:',
        duplicates: 'クライアントが多いのにカウントが増えない場合は、ホストで CMID の重複 (複製イメージ) を確認します。',
        wait: 'それ以外の場合は、30 日以内に十分な数のクライアントが要求すれば自動的にライセンス認証されます。',
      },
    },
    'clock-skew': {
      title: 'クライアントの時刻が KMS ホストとずれています',
      explanation: 'ライセンス認証は 0xC004F06C で失敗しました。クライアントとホストの時刻が 4 時間以上ずれているため、ホストが要求を拒否しました (UTC で比較され、タイム ゾーンは関係ありません)。',
      explanationSkew: '要求に含まれるクライアント時刻とイベントの時刻の差は {{hours}} 時間 ({{minutes}} 分) で、KMS ホストが受け付ける 4 時間を超えています (0xC004F06C)。',
      fix: {
        resync: '時刻を同期します (ドメイン階層または NTP):',
        compare: 'ホストと比較します:',
      },
    },
    'activation-error': {
      title: 'ライセンス認証エラー {{hresult}} {{name}}',
      explanation: '最新のライセンス認証は {{hresult}} ({{name}}) で失敗しました: {{meaning}}。',
      explanationUnknown: '最新のライセンス認証は {{hresult}} で失敗しました。このツールには説明のないコードです。',
      titleNoCode: 'ライセンス認証に失敗しました (エラー コードの表示なし)',
      explanationNoCode:
        'ライセンス認証の試行が失敗しました。slmgr はエラー コードなしで「{{message}}」と出力しています。この試行で製品はライセンス認証されておらず、この出力からは原因がわかりません。コードは試行時の Security-SPP イベント 8198 か、コンソールから /ato を再実行したときの slmgr の応答に表示されます。',
      fix: {
        events: '最近失敗したライセンス認証のエラー コードを表示します (イベント 8198):',
        lookup: 'Windows 自身によるコードの説明を表示します:',
        retry: '原因を解消したら再試行します:',
      },
    },
    'not-elevated': {
      title: '管理者権限なしで収集されました',
      explanation: '証拠は管理者として実行していないプロンプトから収集されました。一部のイベント ログと WMI データには管理者権限が必要なため、確認が不完全な場合があります。検出事項がないことは正常の証明になりません。',
      fix: { rerun: 'KMS Doctor を「管理者として実行」で再実行します。' },
    },
  },
  host: {
    'not-kms-host': {
      title: 'このコンピューターは KMS ホストではありません',
      explanation: 'KMS ホストのはずですが ({{why}})、slmgr に KMS ホスト キーが表示されません。チャネルは {{channel}} です。KMS ホスト キー (CSVLK) をインストールしてライセンス認証しない限り、どのクライアントもライセンス認証できません。',
      explanationNoKey:
        'KMS ホストのはずですが ({{why}})、KMS ホストのライセンス {{product}} にはキーがインストールされていません (ライセンスは使用中ではありません)。KMS ホスト キー (CSVLK) をインストールしてライセンス認証しない限り、どのクライアントもライセンス認証できません。許可されていないホストとしてキーを意図的に削除した場合は、何もする必要はありません。',
      fix: {
        ipk: 'ボリューム ライセンス サービス センターの KMS ホスト キーを管理者としてインストールします:',
        ato: '続けてオンラインでライセンス認証します:',
      },
    },
    'not-licensed': {
      title: 'KMS ホスト キーのライセンス認証が完了していません ($t(common.licenseState.{{status}}))',
      explanation: '{{product}} のライセンスの状態は $t(common.licenseState.{{status}}) です。自身のライセンス認証が済んでいない KMS ホストはクライアントをライセンス認証できません (クライアントには 0xC004F041)。',
      explanationReason: '{{product}} のライセンスの状態は $t(common.licenseState.{{status}}) です ({{reason}}: {{meaning}})。自身のライセンス認証が済んでいない KMS ホストはクライアントをライセンス認証できません (0xC004F041)。',
      titleAttempt: 'KMS ホスト キーはライセンス認証されていません ({{reason}} で失敗)',
      titleNoCode: 'KMS ホスト キーはライセンス認証されていません (失敗、エラー コードの表示なし)',
      explanationNoCode:
        '{{product}} のライセンス認証は失敗しました。slmgr はエラー コードなしで「{{message}}」と出力しています。この試行ではホスト キーはライセンス認証されておらず、この出力からは理由がわかりません。自身のライセンス認証が済んでいない KMS ホストはクライアントをライセンス認証できません (0xC004F041)。コードは、アプリケーション ログにあるこの試行の Security-SPP イベント 8198 か、コンソールから /ato をもう一度実行したときの slmgr の応答にあります。',
      explanationAttempt: '{{product}} のライセンス認証は {{reason}} で失敗しました: {{meaning}}。自身のライセンス認証が済んでいない KMS ホストはクライアントをライセンス認証できません (0xC004F041)。',
      fix: {
        ato: 'ホスト キーをオンラインでライセンス認証します:',
        events: '最近失敗したライセンス認証のエラー コードを表示します (アプリケーション ログのイベント 8198):',
        retry: 'コードが示す原因を解消してから、ホスト キーをもう一度ライセンス認証します:',
        phone: 'インターネットに接続できない場合は電話でライセンス認証します (インストール ID を表示):',
      },
    },
    'count-below-threshold': {
      title: 'KMS のカウント {{has}} が必要な {{needs}} に達していません',
      explanationClient:
        '{{start}} から {{end}} までの 30 日間にホストが受け付けた異なるクライアント (CMID) は {{has}} 台です。そのうち {{clients}} 台は Windows クライアント OS で、カウントが 25 以上にならないとライセンス認証されません。それまでは 0xC004F038 になります。',
      explanationServer:
        '{{start}} から {{end}} までの 30 日間にホストが受け付けた異なるクライアント (CMID) は {{has}} 台です。Windows Server と Office ({{clients}} 台) にはカウント 5 以上が必要です。それまでは 0xC004F038 になります。',
      explanationSlmgr: 'slmgr の現在のカウントは {{has}} です。Windows クライアント OS は 25、Windows Server と Office は 5 でライセンス認証されます。これを下回るとクライアントは 0xC004F038 になります。',
      fix: {
        more: '30 日以内に要求する異なるコンピューターが増えれば、カウントは自動的に増えます。',
        duplicates: 'すでに多くのコンピューターが要求している場合は、CMID の重複 (sysprep なしの複製イメージ) を確認します。',
        consolidate: '複数の KMS ホストでクライアントを分け合っている場合は、ホストを減らすとしきい値に早く達します。',
      },
    },
    'duplicate-cmid': {
      title: 'クライアント マシン ID の重複: {{cmids}} 個の CMID を {{machineCount}} 台が共有',
      explanation:
        '複数のコンピューターが同じ CMID を報告しているため、ホストはそれらを 1 台として数えます。要求するコンピューターが何台あってもカウントは増えません (多くは 1 のまま)。これらは一般化されていないイメージから作られています: {{machines}}。',
      fix: {
        sysprep: '参照イメージでのみ (このホストや使用中のコンピューターでは決して実行しない)、キャプチャして再度複製する前に一般化します:',
        rearm: '複製された各コンピューターで CMID をリセットし、再起動します:',
      },
    },
    'request-failures': {
      title: '{{hresult}} {{name}} で失敗している要求',
      explanation: '{{first}} から {{last}} までに {{machineCount}} 台からの {{requests}} 件の要求に {{hresult}} を返しました: {{meaning}}。コンピューター: {{machines}}。',
      fix: {
        clock: 'これらのクライアントの時刻はホストと 4 時間以上ずれています。同期します:',
        csvlk: 'ホスト キーのグループではこれらの製品をライセンス認証できません。インストール済みの CSVLK を確認し、必要なら新しいものをインストールします:',
        lookup: 'Windows 自身によるコードの説明を表示します:',
      },
    },
    'dns-publishing-disabled': {
      title: 'ホストの DNS 公開が無効です',
      explanation: 'ホストは _vlmcs._tcp SRV レコードを登録しません。レコードを手動で作成するか、/skms でクライアントに指定しない限り、クライアントはこのホストを見つけられません。',
      fix: {
        enable: 'DNS 公開を有効にします:',
        restart: '続けてソフトウェア保護サービスを再起動します:',
        manual: '意図して無効にしている場合は、すべてのクライアントのドメインに手動の SRV レコードがあることを確認します。',
      },
    },
    'dns-publish-failed': {
      title: '{{domain}} への DNS 公開に失敗しました ({{hresult}})',
      explanation: 'イベント 12293: ホストは {{domain}} に SRV レコードを登録できませんでした: {{hresult}} {{meaning}}。そのドメインのクライアントはホストを検出できません。',
      explanationPermission: 'イベント 12293 (0x80072338): {{domain}} の _VLMCS レコードは別のホストが所有しており、このホストには更新する権限がありません。',
      fix: {
        permission: 'DNS サーバーで、このホスト (またはすべての KMS ホストのグループ) に _VLMCS レコードのフル コントロールを付与します。',
        dns: 'ホストの DNS 設定を確認します:',
        restart: '続けてソフトウェア保護サービスを再起動し、イベント 12294 を確認します:',
        lookup: 'Windows 自身によるコードの説明を表示します:',
      },
    },
    'srv-mismatch': {
      title: 'SRV レコード {{name}} がこのホストだけを指していません',
      explanationElsewhere: '{{name}} は {{targets}} を指しており、このホスト ({{host}}) ではありません。そのドメインのクライアントは別のホストに向かいます。',
      explanationOthers: '{{name}} はこのホストのほかに {{others}} も指しています。クライアントとカウントが分散します。',
      fix: {
        check: 'レコードを確認します:',
        remove: 'このドメインを担当すべきでないホストのエントリを削除します。',
      },
    },
    'firewall-closed': {
      title: 'ファイアウォールが KMS ポート {{port}} をブロックしています',
      explanation: 'Windows ファイアウォールが有効で ({{profiles}})、TCP {{port}} を許可する有効な受信規則がありません。組み込みの KMS の例外は自動的には有効になりません。',
      fix: {
        builtin: '組み込みのキー管理サービスの規則を固定の名前 (どの言語でも同じ) で有効にします:',
        rule: '専用の規則で TCP {{port}} を許可します:',
      },
    },
    'no-requests': {
      title: '過去 30 日間にライセンス認証要求がありません',
      explanation: 'Key Management Service ログには {{start}} から {{end}} までのイベント 12290 がありません (ログ全体で {{total}} 件)。このホストに到達したクライアントはありません。DNS 公開、ファイアウォール、クライアントが KMS を使っているかを確認します。',
      explanationSlmgr: 'slmgr によると、このホストは要求を 1 件も受け取っていません (Total requests received: 0)。カウントが 0 なのもこのためです。このホストに到達したクライアントはありません。DNS 公開、ファイアウォール、クライアントが KMS を使っているかを確認します。',
      fix: {
        clients: 'クライアントで、使っている KMS ホストを確認します:',
        reach: 'クライアントからポートをテストします:',
      },
    },
    'log-full': {
      title: 'Key Management Service ログがいっぱいです',
      explanation: 'ログ「{{log}}」がいっぱいで (モード {{mode}}、{{records}} 件)、上書きしません。新しい 12290 イベントが記録されないため、最近の要求がログにありません。',
      fix: {
        export: 'まずログを保存します:',
        circular: '続けて古いイベントを上書きするように設定します:',
      },
    },
    'nondefault-port': {
      title: 'KMS ホストはポート {{port}} で待ち受けています',
      explanation: 'ホストは 1688 ではなく {{port}} で待ち受けています。SRV レコードとすべてのファイアウォール規則で {{port}} を使う必要があります。',
      fix: {
        srv: '公開されている SRV レコードとファイアウォール規則がポート {{port}} になっていることを確認します。',
        reset: 'または既定のポートに戻します:',
      },
    },
  },
  collect: {
    failed: {
      title: '収集できませんでした: {{collector}}',
      explanation: '{{collector}} が失敗しました ($t(collect.failed.reason.{{reason}}))。そのため不足しているもの: {{missing}}。それを必要とする確認は行えませんでした。',
      explanationNothingMissing: '{{collector}} が失敗しました ($t(collect.failed.reason.{{reason}}))。',
      reason: {
        timeout: 'タイムアウトしました',
        'not-found': 'このマシンにありません',
        'access-denied': 'アクセスが拒否されました。管理者として実行してください',
        'constrained-language': 'このマシンの PowerShell は制限されています (WDAC または AppLocker による制約言語モード)',
        'no-vbscript': 'VBScript がインストールされていません (Windows 11 24H2 以降はオプション機能)',
        'no-powershell': 'Windows PowerShell が見つからないか、起動できませんでした',
        'could-not-start': 'プログラムを起動できませんでした',
        cancelled: '取り消されました',
        'exit-code': 'コマンドがエラーで終了しました',
        'no-output': '結果が返されませんでした',
        'not-saved': '出力を保存できませんでした',
        unreadable: 'ファイルを読み取れませんでした',
        other: '失敗しました',
      },
      fix: { rerun: '収集を (管理者として) やり直すか、その出力を手動で添付します。' },
    },
    'event-window-incomplete': {
      fix: { rerun: 'もう一度収集するか、ログ全体を XML として手動でエクスポートし (wevtutil qe "<ログ>" /f:xml)、そのファイルを分析してください。' },
    },
    'missing-evidence': {
      title: '証拠が不足しています: $t(collect.missing-evidence.label.{{what}})',
      label: {
        slmgr: 'ライセンスの状態 (slmgr /dlv または WMI)',
        clientEvents: 'クライアントのライセンス認証イベント (アプリケーション ログ 12288/12289)',
        probes: 'DNS とネットワークの確認 (SRV レコード、TCP 1688、KMS RPC)',
        hostEvents: 'Key Management Service ログ (12290)',
      },
      explanation: {
        slmgr: 'slmgr /dlv の出力もライセンスの WMI データも見つかりませんでした。ライセンスの状態、チャネル、KMS の設定は確認していません。検出事項がないことは「正常」ではなく「未確認」を意味します。',
        clientEvents: 'Application ログのイベント 12288/12289 が見つかりませんでした。要求と応答の対応付け、クライアントに報告されたカウント、時刻の確認は行っていません。',
        probes: 'DNS SRV とポートの確認結果が見つかりませんでした。DNS による検出とホストへの到達性は確認していません。',
        hostEvents: 'Key Management Service ログのイベント (12290) が見つかりませんでした。ファミリごとのカウント、CMID の重複、要求の失敗は分析していません。',
      },
      fix: {
        slmgr: '次のコマンドの出力を (管理者として) 追加します:',
        clientEvents: 'クライアントの Application ログ (Microsoft-Windows-Security-SPP のイベント) を XML で追加します。',
        probes: 'クライアントまたはその近くで kms-doctor probe を実行し、その JSON を追加します。',
        hostEvents: 'ホストの「Key Management Service」ログを XML で追加します (wevtutil qe "Key Management Service" /f:xml)。',
      },
    },
    'contradictory-evidence': {
      title: '証拠が互いに矛盾しています',
      explanationHostClient: 'slmgr には KMS ホスト キーが表示されますが、イベントは KMS クライアントのもの (要求 12288) で、KMS ホストのイベント (12290) はありません。ファイルが別のコンピューターのものかもしれません。',
      explanationClientHost: 'slmgr には KMS ホスト キーがありませんが、イベントには 12290 (KMS ホストが処理した要求) があります。ファイルが別のコンピューターのものか、その後ホスト キーが置き換えられた可能性があります。',
      explanationManifest: 'マニフェストではこのコンピューターは {{manifestRole}} ですが、slmgr では {{slmgrRole}} です。',
      fix: { check: 'すべてのファイルが同じコンピューター、同じ収集のものか確認します。以下の検出事項は各ファイルをそのまま使っています。' },
    },
  },
  case: {
    'client-not-seen-by-host': {
      title: '{{clients}} 台のクライアントの要求が {{host}} に記録されていません',
      explanation:
        'これらのクライアントは、{{host}} の Key Management Service ログが対象とする期間にライセンス認証要求 (イベント 12288) を {{host}} に送っていますが、ログに示される時刻差を考慮しても、その時刻にそれらの CMID からの要求 (12290) はログにありません。要求は {{host}} に届いていません (名前解決、経路、ファイアウォール、またはその名前で応答する別のコンピューター)。クライアント: {{machines}}。',
      explanationElsewhere:
        'これらのクライアントはライセンス認証要求 (イベント 12288) を {{host}} に送っていますが、{{host}} はこのケースのホストに含まれず、ケース内のどのホストのログにもそれらの CMID はありません。証拠のない KMS ホストに依存しているか、要求がどのホストにも届いていません。クライアント: {{machines}}。',
      fix: {
        probe: '影響を受けるクライアントで、検出とホストまでの経路を確認します:',
        firewall: 'ホストで、クライアントのネットワーク プロファイルに対して Key Management Service のファイアウォール規則が有効か確認します:',
      },
    },
    'host-refuses-client': {
      title: '{{host}} が {{clients}} 台のクライアントを {{hresult}} {{name}} で拒否しています',
      explanation: '{{host}} の Key Management Service ログには、これらのクライアントの CMID からの要求が {{hresult}} で応答された記録があります: {{meaning}}。クライアント: {{machines}}。',
      fix: { code: 'ホストまたはこれらのクライアントで {{hresult}} の原因を解消します。ホスト自身の検出事項に、拒否された要求がエラー コード別に示されています。' },
    },
    'shared-cmid': {
      title: '{{clients}} 台のクライアントが {{cmids}} 個の CMID を共有',
      explanation:
        '複数のクライアント コンピューターが同じクライアント マシン ID (CMID) を報告しているため、KMS ホストはそれらを 1 台として数え、要求するコンピューターが何台あってもカウントは増えません。これらは一般化されていないイメージから作られています: {{machines}}。',
      fix: {
        sysprep: 'イメージを再度複製する前に sysprep で一般化します:',
        rearm: '該当する各コンピューターで CMID をリセットします (その後再起動):',
      },
    },
    'count-below-client-minimum': {
      title: '{{host}} のカウントは {{count}}、クライアントには {{minimum}} が必要',
      explanation:
        '{{host}} のクライアントは最小カウント {{minimum}} を要求していますが (Windows クライアント エディションは 25、Windows Server と Office は 5)、ホストの現在のカウントは {{count}} です。30 日以内に十分な数の異なるコンピューターが要求するまで、ホストはライセンス認証せずに応答します。クライアント: {{machines}}。',
      fix: {
        grow: 'カウントは 30 日以内に要求した異なるコンピューター (一意の CMID) ごとに増えます。十分な数のボリューム クライアントをこのホストに向けるか、それまでの間これらのクライアントを別の方法 (Active Directory ベースのライセンス認証、MAK) でライセンス認証します。',
        check: 'ホストで現在のカウントを確認します:',
      },
    },
    'clock-skew': {
      title: '{{clients}} 台のクライアントの時計が {{host}} と 4 時間以上ずれています',
      explanation:
        'ホストは要求 (12290) に各クライアント自身の時刻を記録します。これらのクライアントではホストの時計と最大 {{hours}} 時間ずれています。4 時間を超えると KMS はライセンス認証を拒否します (0xC004F06C)。クライアント: {{machines}}。',
      fix: {
        resync: 'クライアントの時計をドメインの時刻ソースと同期します:',
        compare: 'クライアントの時計をホストと比較します:',
      },
    },
  },
};
