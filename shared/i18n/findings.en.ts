/**
 * Finding texts, English (i18next namespace "findings"). Keys: `<scope>.<name>.title`, `.explanation…`,
 * `.fix.<key>`; `{{var}}` placeholders are filled by the rules. Terminology follows Microsoft's KMS
 * troubleshooting guide.
 */
export const findingsEn = {
  common: {
    /** A licence state by its id (SoftwareLicensingProduct.LicenseStatus): slmgr's English wording. */
    licenseState: {
      unlicensed: 'Unlicensed',
      licensed: 'Licensed',
      initialGrace: 'Initial grace period',
      additionalGrace: 'Additional grace period (KMS license expired or hardware out of tolerance)',
      nonGenuineGrace: 'Non-genuine grace period',
      notification: 'Notification',
      extendedGrace: 'Extended grace period',
      unknown: 'status not reported',
    },
    windowIncomplete: {
      capped: 'The event window is incomplete: {{records}} events were read from {{log}}, the cap of {{maxEvents}}, so the oldest part of the {{windowDays}}-day window is missing and the counts here may be too low.',
      stopped: 'The event window is incomplete: the query of {{log}} stopped after {{records}} events ({{reason}}), so part of the {{windowDays}}-day window is missing and the counts here may be too low.',
      timeout: 'The event window is incomplete: reading {{log}} timed out after {{records}} events, so part of the {{windowDays}}-day window is missing and the counts here may be too low.',
      processError: 'The event window is incomplete: the program reading {{log}} failed with exit code {{exitCode}} after {{records}} events, so part of the {{windowDays}}-day window is missing and the counts here may be too low.',
      skipped_one: 'The event window is incomplete: 1 damaged record of {{log}} could not be read and was skipped, so the counts here may be too low.',
      skipped_other: 'The event window is incomplete: {{count}} damaged records of {{log}} could not be read and were skipped, so the counts here may be too low.',
    },
    caution: {
      ipk: 'Replaces the installed product key: run it only on a machine that is not activated, never on one whose licence works.',
      rearm: 'Resets the licensing state and the grace period (limited number of times): only on a clone that is not activated.',
      sysprep: 'Run on the reference image before capturing it, never on a machine in use: it removes the machine\'s identity and shuts it down.',
      edition: 'Changes the edition and restarts the machine: plan a maintenance window.',
      firewall: 'Opens a port on the host\'s firewall.',
      restart: 'Restarts a service: activation requests are refused for a few seconds.',
    },
    verdict: {
      problem_one: 'Root cause: {{title}}. It also explains 1 other finding.',
      problem_other: 'Root cause: {{title}}. It also explains {{count}} other findings.',
      problem_zero: 'Root cause: {{title}}.',
      warning_one: 'No problem found; 1 warning: {{title}}.',
      warning_other: 'No problem found; {{count}} warnings, first: {{title}}.',
      healthy: 'No problem found.',
      unknown: 'Not enough evidence to decide. Missing: {{missing}}.',
    },
    works: {
      activatedByOn: 'Windows is activated by {{host}} (last answer {{time}}).',
      activatedBy: 'Windows is activated by the KMS host {{host}}.',
      activated: 'Windows is activated by KMS.',
      renews_one: 'It renews in {{days}} day.',
      renews_other: 'It renews in {{days}} days.',
      validUntil_one: 'The activation is valid until {{date}} ({{days}} day).',
      validUntil_other: 'The activation is valid until {{date}} ({{days}} days).',
      validFor_one: 'The activation is valid for {{days}} more day.',
      validFor_other: 'The activation is valid for {{days}} more days.',
      licensedOther: 'Windows is licensed through {{channel}}; KMS is not involved.',
      hostLicensed: 'The KMS host key ({{channel}}) is activated.',
      hostRequests: '{{requests}} requests from {{clients}} machines in the 30 days to {{end}}, {{refused}} refused.',
      hostCount: 'slmgr reports a current count of {{count}}.',
      family: {
        'client-os': 'Windows client OS: count {{has}}, {{needs}} needed ({{clients}} clients asking).',
        'server-office': 'Windows Server and Office: count {{has}}, {{needs}} needed ({{clients}} clients asking).',
      },
      published: 'Published in DNS for {{domain}} (event 12294, {{time}}).',
    },
    check: {
      licence: 'Licence of the Windows OS',
      dnsSrv: 'DNS SRV record _vlmcs._tcp',
      port: 'TCP connection to the KMS host',
      kmsRpc: 'KMS RPC endpoint answers',
      answers: 'Activation requests answered',
      clock: 'Client clock within 4 hours',
      kmsHostKey: 'KMS host key installed and activated',
      count: 'KMS count reaches the threshold',
      publishing: 'DNS publishing',
      firewall: 'Firewall allows the KMS port',
      requests: 'Requests arrive and are accepted',
      eventLog: 'Key Management Service log not full',
    },
  },
  client: {
    'channel-not-kms': {
      title: 'Not a KMS client: {{channel}} key installed',
      titleLicensed: 'Licensed by {{channel}}: KMS is not involved',
      explanation:
        '{{product}} has a {{channel}} product key, so it never asks a KMS host for activation. A KMS client needs the Generic Volume License Key (GVLK, "KMS client setup key") of its edition.',
      fix: {
        ipk: 'Install the GVLK for this edition (table: "KMS client activation and product keys"), elevated:',
        ato: 'Then activate against the KMS host:',
        office: 'For Office, install the Office GVLK with ospp.vbs, elevated:',
        nothing: 'Nothing to do: the licence works. Change the key only if this machine must move to KMS.',
        status: 'Read the licence status again:',
        own: 'Or, if this machine is meant to keep its own key, activate that key online:',
      },
      explanationLicensed:
        '{{product}} is licensed through a {{channel}} key, which activates with Microsoft, not with a KMS host. This is a working licence; KMS findings do not apply to it.',
      explanationUnknownStatus:
        '{{product}} has a {{channel}} key, but its licence status was not reported, so it is not known whether it works. Nothing should be changed before that is known.',
      explanationNotMeant:
        '{{product}} has a {{channel}} key and is not activated. Nothing in the evidence says that this machine should use KMS (no KMS host configured, no SRV record, no KMS request): either activate its own key, or install the GVLK if it should join KMS.',
    },
    'edition-no-volume': {
      title: 'Edition without volume licensing: {{edition}}',
      explanationLicensed: '{{edition}} is licensed with its own key. It cannot use KMS, but its licence works; nothing needs to change.',
      explanationEval:
        '{{edition}} is an evaluation edition: it runs on a time-limited licence that no KMS host can activate, and it stops working when the evaluation ends.',
      explanationEvalLicensed:
        '{{edition}} is an evaluation edition in its evaluation period. KMS cannot activate it; convert it before the evaluation ends if it is to stay in use.',
      explanation:
        '{{edition}} is a Home/Core edition. These editions cannot be activated by KMS at all; no GVLK exists for them.',
      fix: {
        upgrade: 'Upgrade the machine to an edition covered by your volume license (Pro, Enterprise, Education), then install its GVLK.',
        retail: 'Or activate it with its own retail/OEM license instead of KMS.',
        nothing: 'Nothing to do while the licence works.',
        convert: 'Convert the Server evaluation to the volume-licensed edition with its GVLK (restarts the server):',
        reinstall: 'A client evaluation edition cannot be converted: install a volume-licensed edition.',
      },
    },
    'not-activated': {
      title: 'Windows is not activated ($t(common.licenseState.{{status}}))',
      titleEvent: 'Windows activation failed (event 8198)',
      explanationEvent:
        'The client logged event 8198 "License Activation failed" and no successful activation after it: the machine is not activated. The other findings of this report name the cause where the evidence shows it.',
      explanation: '{{product}} is a KMS client but its license status is $t(common.licenseState.{{status}}): it has not obtained a KMS activation.',
      explanationReason:
        '{{product}} is a KMS client but its license status is $t(common.licenseState.{{status}}), reason {{reason}}: {{meaning}}. The other findings of this report name the cause where the evidence shows it.',
      fix: {
        causes: 'Fix the cause named in the findings above first (DNS, network, host count, clock).',
        ato: 'Then trigger activation and read the result:',
      },
    },
    'dns-no-srv': {
      title: 'No KMS SRV record in DNS ({{names}})',
      explanation:
        'The client finds its KMS host through the DNS SRV record _vlmcs._tcp in its domain. No DNS server answered with one for {{names}}, so automatic discovery fails (0x8007232B "DNS name does not exist").',
      explanationOverride:
        'No DNS server has a _vlmcs._tcp SRV record for {{names}}. This client has a fixed KMS host ({{override}}) and does not need DNS, but every other client in {{domain}} does.',
      explanationEvent:
        'The client logged {{hresult}}: its DNS lookup of the _vlmcs._tcp SRV record found nothing, so it does not know any KMS host.',
      fix: {
        check: 'Check what the client\'s DNS returns:',
        publish: 'On the KMS host, check that DNS publishing is enabled and that event 12294 (published) rather than 12293 (failed) is logged.',
        manual: 'Or create the SRV record by hand on the DNS server:',
        skms: 'Or point this client at the host directly:',
      },
    },
    'dns-srv-target-unresolved': {
      title: 'SRV record points to {{target}}, which does not resolve',
      explanation:
        'DNS has a _vlmcs._tcp record naming {{target}}, but that name has no A/AAAA record. Clients cannot connect to a host they cannot resolve; the record is probably stale (a retired host).',
      fix: {
        check: 'Check the name:',
        stale: 'Remove the stale SRV record, or give the host an A record it can update.',
      },
    },
    'dns-servers-disagree': {
      title: 'DNS servers give different answers for {{name}}',
      explanation:
        'The DNS servers {{servers}} do not agree on {{name}}. Depending on which server a client asks, it finds a different KMS host or none: typically a zone that has not replicated or a server that forwards elsewhere.',
      fix: {
        replicate: 'Make every DNS server the clients use hold the same zone (replication, forwarders).',
        check: 'Compare each server:',
      },
    },
    'kms-override': {
      title: 'KMS host set manually: {{host}}',
      explanationWorks: 'This client uses the fixed KMS host {{host}} (slmgr /skms) instead of DNS discovery. The host answers as a KMS host.',
      explanationBroken:
        'This client uses the fixed KMS host {{host}} (slmgr /skms) and ignores DNS discovery, but that host does not answer as a KMS host. Activation cannot succeed until the setting is fixed or cleared.',
      explanationUntested: 'This client uses the fixed KMS host {{host}} (slmgr /skms) instead of DNS discovery. Whether that host answers was not tested.',
      fix: {
        clear: 'Clear the setting to go back to DNS discovery:',
        set: 'Or set a host that works:',
        keep: 'Nothing to do if this is intended; remember the setting when the host moves.',
      },
    },
    'dns-multiple-hosts': {
      title: '{{count}} KMS hosts published in DNS',
      explanation:
        'DNS lists {{count}} KMS hosts ({{hosts}}). Clients pick one at random, so the count is split between them; an unknown entry may be a rogue or retired host.',
      fix: {
        review: 'Review the records:',
        remove: 'Remove records of hosts that should not be there, and keep at least two legitimate hosts for more than 50 clients.',
      },
    },
    'port-unreachable': {
      title: 'KMS port {{host}} not reachable',
      explanationRefused: 'A TCP connection to {{host}} was refused: the machine is up but nothing listens on port {{port}} (the Software Protection service is stopped, or the port differs).',
      explanationFiltered: 'A TCP connection to {{host}} timed out: a firewall drops the traffic to port {{port}} (host firewall rule not enabled, network firewall, or VPN tunnel).',
      explanationUnreachable: 'There is no network route to {{host}}.',
      fix: {
        test: 'Test from the client:',
        firewall: 'On the KMS host, enable the built-in Key Management Service rule (by its fixed name, the same in every language):',
        firewallPort: 'On the KMS host, allow TCP {{port}}:',
        service: 'On the KMS host, start the Software Protection service:',
      },
    },
    'not-kms-endpoint': {
      title: '{{host}} is not a KMS host',
      explanation:
        'Port {{host}} accepts connections but did not accept the KMS RPC interface (result: {{rpc}}). Another program listens there, or the SRV record points to the wrong machine.',
      fix: {
        check: 'On that machine, see which process listens on the port:',
        srv: 'Correct the SRV record or the /skms setting to name the real KMS host.',
      },
    },
    'no-response': {
      title: 'Activation request got no response from {{host}}',
      explanation:
        'The latest request (event 12288, {{time}}) to {{host}} has no matching response (12289): the host was not reached or did not answer ({{unanswered}} of {{requests}} requests unanswered).',
      fix: {
        test: 'Test the connection from the client:',
        host: 'On the host, check that its Key Management Service log has a 12290 for this client; none means the request never arrived.',
      },
    },
    'count-insufficient': {
      title: 'KMS host count too low: {{count}} of {{needs}}',
      explanation:
        'The host answered (event 12289) but its count is {{count}} and this product needs {{needs}}. Network and DNS work; the host has not yet seen enough distinct clients (0xC004F038).',
      explanationCode:
        'Activation failed with 0xC004F038: the host answered but its count is below the {{needs}} this product needs. Network and DNS work; the host has not yet seen enough distinct clients.',
      fix: {
        host: 'On the KMS host, check its current count:',
        duplicates: 'If many clients exist but the count stays low, look for duplicate CMIDs (cloned images) on the host.',
        wait: 'Otherwise activation succeeds by itself once enough clients have asked within 30 days.',
      },
    },
    'clock-skew': {
      title: 'Client clock differs from the KMS host',
      explanation:
        'Activation failed with 0xC004F06C: the host rejected the request because the client\'s clock differs from the host\'s by more than 4 hours (compared in UTC; the time zone does not matter).',
      explanationSkew:
        'The client time in the request differs from the event time by {{hours}} h ({{minutes}} min), more than the 4 hours a KMS host accepts (0xC004F06C).',
      fix: {
        resync: 'Synchronise the clock (domain hierarchy or NTP):',
        compare: 'Compare with the host:',
      },
    },
    'activation-error': {
      title: 'Activation error {{hresult}} {{name}}',
      explanation: 'The latest activation attempt failed with {{hresult}} ({{name}}): {{meaning}}.',
      explanationUnknown: 'The latest activation attempt failed with {{hresult}}, a code this tool does not describe.',
      titleNoCode: 'Activation failed (no error code shown)',
      explanationNoCode:
        'An activation attempt failed: slmgr printed "{{message}}" without an error code. The product is not activated by that attempt, and this output does not say why. The code is in the attempt\'s Security-SPP event 8198, or in slmgr\'s answer when /ato is run again from a console.',
      fix: {
        events: 'Show the error codes of the latest failed activations (event 8198):',
        lookup: 'Show Windows\' own text for the code:',
        retry: 'After fixing the cause, retry:',
      },
    },
    'not-elevated': {
      title: 'Collected without administrator rights',
      explanation:
        'The evidence was collected from a non-elevated prompt. Some event logs and WMI data need elevation, so some checks may be incomplete; a missing finding is not proof that all is well.',
      fix: { rerun: 'Run KMS Doctor again "as administrator".' },
    },
  },
  host: {
    'not-kms-host': {
      title: 'This machine is not a KMS host',
      explanation:
        'It was expected to be a KMS host ({{why}}), but slmgr shows no KMS host key: its channel is {{channel}}. Without a KMS host key (CSVLK) installed and activated it activates nobody.',
      explanationNoKey:
        'It was expected to be a KMS host ({{why}}), but its KMS host licence {{product}} has no key installed ("This license is not in use."). Without a KMS host key (CSVLK) installed and activated it activates nobody. If the key was removed on purpose (an unauthorized host), nothing is to be done here.',
      fix: {
        ipk: 'Install the KMS host key from the Volume Licensing Service Center, elevated:',
        ato: 'Then activate it online:',
      },
    },
    'not-licensed': {
      title: 'The KMS host key is not activated ($t(common.licenseState.{{status}}))',
      explanation: '{{product}} has license status $t(common.licenseState.{{status}}). A KMS host whose own license is not activated cannot activate clients (they get 0xC004F041).',
      explanationReason: '{{product}} has license status $t(common.licenseState.{{status}}) ({{reason}}: {{meaning}}). A KMS host whose own license is not activated cannot activate clients (0xC004F041).',
      titleAttempt: 'The KMS host key was not activated (activation failed with {{reason}})',
      titleNoCode: 'The KMS host key was not activated (activation failed, no error code shown)',
      explanationNoCode:
        'The activation of {{product}} failed: slmgr printed "{{message}}" without an error code. The host key is not activated by that attempt, and this output does not say why. A KMS host whose own license is not activated cannot activate clients (0xC004F041). The code is in the attempt\'s Security-SPP event 8198 in the Application log, or in slmgr\'s answer when /ato is run again from a console.',
      explanationAttempt: 'The activation of {{product}} failed with {{reason}}: {{meaning}}. A KMS host whose own license is not activated cannot activate clients (0xC004F041).',
      fix: {
        ato: 'Activate the host key online:',
        events: 'Show the error codes of the latest failed activations (event 8198 in the Application log):',
        retry: 'After fixing the cause the code names, activate the host key again:',
        phone: 'Without internet access, activate by phone (shows the installation ID):',
      },
    },
    'count-below-threshold': {
      title: 'KMS count {{has}} below the {{needs}} needed',
      explanationClient:
        'In the 30 days from {{start}} to {{end}} the host saw {{has}} distinct client machine ID(s) (CMIDs); {{clients}} of them are Windows client OS, which activates only at a count of 25 or more. Until then they get 0xC004F038.',
      explanationServer:
        'In the 30 days from {{start}} to {{end}} the host saw {{has}} distinct client machine ID(s) (CMIDs); Windows Server and Office ({{clients}} of them) need a count of 5 or more. Until then they get 0xC004F038.',
      explanationSlmgr:
        'slmgr reports a current count of {{has}}. Windows client OS activates at 25, Windows Server and Office at 5; below that, clients get 0xC004F038.',
      fix: {
        more: 'The count grows by itself as more distinct machines request activation within 30 days.',
        duplicates: 'If many machines already ask, look for duplicate CMIDs (cloned images without sysprep).',
        consolidate: 'If several KMS hosts share the clients, fewer hosts each reach the threshold sooner.',
      },
    },
    'duplicate-cmid': {
      title: 'Duplicate client machine IDs: {{machineCount}} machines share {{cmids}} CMID(s)',
      explanation:
        'Several machines report the same CMID, so the host counts them as one client: the count stays low (often stuck at 1) however many machines ask. These machines come from an image that was not generalized: {{machines}}.',
      fix: {
        sysprep: 'On the reference image only (never on this host or on a machine in use), generalize it before capturing and cloning it again:',
        rearm: 'On each cloned machine, reset its CMID, then restart it:',
      },
    },
    'request-failures': {
      title: 'Requests failing with {{hresult}} {{name}}',
      explanation: '{{requests}} requests from {{machineCount}} machines were answered with {{hresult}} between {{first}} and {{last}}: {{meaning}}. Machines: {{machines}}.',
      fix: {
        clock: 'These clients\' clocks differ from the host by more than 4 hours; synchronise them:',
        csvlk: 'The host key group cannot activate these products: check the CSVLKs installed and install a newer one if needed:',
        lookup: 'Show Windows\' own text for the code:',
      },
    },
    'dns-publishing-disabled': {
      title: 'DNS publishing is disabled on the host',
      explanation:
        'The host does not register its _vlmcs._tcp SRV record. Clients find it only if someone created the record by hand or pointed them at it with /skms.',
      fix: {
        enable: 'Enable publishing:',
        restart: 'Then restart the Software Protection service:',
        manual: 'If disabling it was intended, check that a manual SRV record exists for every client domain.',
      },
    },
    'dns-publish-failed': {
      title: 'Publishing to DNS failed for {{domain}} ({{hresult}})',
      explanation: 'Event 12293: the host could not register its SRV record in {{domain}}: {{hresult}} {{meaning}}. Clients in that domain cannot discover it.',
      explanationPermission:
        'Event 12293 with 0x80072338: the _VLMCS record in {{domain}} exists but belongs to another host, and this host has no permission to update it.',
      fix: {
        permission: 'On the DNS server, give this host (or a group of all KMS hosts) Full Control on the _VLMCS record.',
        dns: 'Check the host\'s DNS configuration:',
        restart: 'Then restart the Software Protection service and look for event 12294:',
        lookup: 'Show Windows\' own text for the code:',
      },
    },
    'srv-mismatch': {
      title: 'SRV record {{name}} does not point to this host only',
      explanationElsewhere: '{{name}} points to {{targets}}, not to this host ({{host}}). Clients of that domain are sent elsewhere.',
      explanationOthers: '{{name}} points to this host and also to {{others}}. The clients and their count are split between them.',
      fix: {
        check: 'Check the record:',
        remove: 'Remove entries for hosts that should not serve this domain.',
      },
    },
    'firewall-closed': {
      title: 'Firewall blocks the KMS port {{port}}',
      explanation:
        'The Windows Firewall is on ({{profiles}}) and no enabled inbound rule allows TCP {{port}}. The built-in "Key Management Service" exception is not enabled automatically.',
      fix: {
        builtin: 'Enable the built-in Key Management Service rule by its fixed name (the same in every language):',
        rule: 'Allow TCP {{port}} with a rule of its own:',
      },
    },
    'no-requests': {
      title: 'No activation requests in the last 30 days',
      explanation:
        'The Key Management Service log has no event 12290 between {{start}} and {{end}} ({{total}} in the whole log). No client reached this host: check DNS publishing, the firewall, and that clients use KMS.',
      explanationSlmgr:
        'slmgr reports that this host has received no request at all (Total requests received: 0), which is also why its count is 0. No client reached this host: check DNS publishing, the firewall, and that clients use KMS.',
      fix: {
        clients: 'On a client, check which KMS host it uses:',
        reach: 'From a client, test the port:',
      },
    },
    'log-full': {
      title: 'The Key Management Service log is full',
      explanation:
        'The log "{{log}}" is full (mode {{mode}}, {{records}} records) and does not overwrite: new 12290 events are not recorded, so recent requests are missing from it.',
      fix: {
        export: 'Save the log first:',
        circular: 'Then let it overwrite old events:',
      },
    },
    'nondefault-port': {
      title: 'KMS host listens on port {{port}}',
      explanation: 'The host listens on {{port}} instead of 1688. The SRV record and every firewall rule must use {{port}}.',
      fix: {
        srv: 'Check that the published SRV record and the firewall rules carry port {{port}}.',
        reset: 'Or go back to the default port:',
      },
    },
  },
  collect: {
    failed: {
      title: 'Could not collect: {{collector}}',
      explanation: '{{collector}} failed ($t(collect.failed.reason.{{reason}})). Missing as a result: {{missing}}; findings that need it could not be checked.',
      explanationNothingMissing: '{{collector}} failed ($t(collect.failed.reason.{{reason}})).',
      reason: {
        timeout: 'it timed out',
        'not-found': 'not found on this machine',
        'access-denied': 'access was denied: run it as an administrator',
        'constrained-language': 'PowerShell is locked down here (Constrained Language Mode, by WDAC or AppLocker)',
        'no-vbscript': 'VBScript is not installed (an optional feature since Windows 11 24H2)',
        'no-powershell': 'Windows PowerShell is missing or could not start',
        'could-not-start': 'the program could not start',
        cancelled: 'it was cancelled',
        'exit-code': 'the command failed with an error',
        'no-output': 'it gave no result',
        'not-saved': 'its output could not be saved',
        unreadable: 'the file could not be read',
        other: 'it failed',
      },
      fix: { rerun: 'Run the collection again (elevated), or attach that output by hand.' },
    },
    'event-window-incomplete': {
      fix: { rerun: 'Collect again, or export the whole log by hand as XML (wevtutil qe "<log>" /f:xml) and analyse that file.' },
    },
    'missing-evidence': {
      title: 'Missing evidence: $t(collect.missing-evidence.label.{{what}})',
      label: {
        slmgr: 'Licensing state (slmgr /dlv or WMI)',
        clientEvents: 'Client activation events (Application log 12288/12289)',
        probes: 'DNS and network checks (SRV record, TCP 1688, KMS RPC)',
        hostEvents: 'Key Management Service log (12290)',
      },
      explanation: {
        slmgr: 'Neither slmgr /dlv output nor the licensing WMI data was found. License status, channel and KMS settings were not checked: no finding about them means "not checked", not "healthy".',
        clientEvents: 'No Application log events 12288/12289 were found. Request/response pairing, the host count reported to the client and clock checks were not done.',
        probes: 'No DNS SRV or port checks were found. DNS discovery and reachability of the host were not checked.',
        hostEvents: 'No Key Management Service log events (12290) were found. Count per family, duplicate CMIDs and request failures were not analysed.',
      },
      fix: {
        slmgr: 'Add the output of (elevated):',
        clientEvents: 'Add the client\'s Application log (Microsoft-Windows-Security-SPP events) as XML.',
        probes: 'Run kms-doctor probe on or near the client and add its JSON.',
        hostEvents: 'Add the host\'s "Key Management Service" log as XML (wevtutil qe "Key Management Service" /f:xml).',
      },
    },
    'contradictory-evidence': {
      title: 'The evidence contradicts itself',
      explanationHostClient: 'slmgr shows a KMS host key, but the events are those of a KMS client (12288 requests) and no KMS host events (12290) were found. The files may come from different machines.',
      explanationClientHost: 'slmgr shows no KMS host key, but the events include 12290 (requests processed by a KMS host). The files may come from different machines, or the host key was replaced since.',
      explanationManifest: 'The manifest says this machine is a {{manifestRole}}, but slmgr shows a {{slmgrRole}}.',
      fix: { check: 'Check that every file comes from the same machine and collection; the findings below use each file as it is.' },
    },
  },
  case: {
    'client-not-seen-by-host': {
      title: '{{clients}} client(s) send requests that {{host}} never logged',
      explanation:
        'These clients sent activation requests (event 12288) to {{host}} in the period the Key Management Service log of {{host}} covers, but the log holds no request (12290) from their CMID at that time, allowing for the clock difference the log shows: the requests do not reach {{host}} (name resolution, routing, a firewall or another machine answering on that name). Clients: {{machines}}.',
      explanationElsewhere:
        'These clients send their activation requests (event 12288) to {{host}}, which is not one of the hosts in this case (no evidence of {{host}} was given), and no host log in the case holds their CMID: they depend on a KMS host whose evidence is missing, or their requests reach no host. Clients: {{machines}}.',
      fix: {
        probe: 'On an affected client, check discovery and the path to the host:',
        firewall: 'On the host, check that the Key Management Service firewall rule is enabled for the client\'s network profile:',
      },
    },
    'host-refuses-client': {
      title: '{{host}} refuses {{clients}} client(s) with {{hresult}} {{name}}',
      explanation: 'The Key Management Service log of {{host}} records requests from these clients\' CMIDs answered with {{hresult}}: {{meaning}}. Clients: {{machines}}.',
      fix: { code: 'Fix the cause {{hresult}} names on the host or on these clients; the host\'s own findings list every refused request by code.' },
    },
    'shared-cmid': {
      title: '{{clients}} clients share {{cmids}} CMID(s)',
      explanation:
        'Several client machines report the same client machine ID (CMID), so a KMS host counts them as one client and its count stays low however many machines ask. They come from an image that was not generalized: {{machines}}.',
      fix: {
        sysprep: 'Generalize the image with sysprep before cloning it again:',
        rearm: 'On each affected machine, reset its CMID (then restart):',
      },
    },
    'count-below-client-minimum': {
      title: '{{host}} has a count of {{count}}; its clients need {{minimum}}',
      explanation:
        'The clients of {{host}} ask for a minimum count of {{minimum}} (25 for Windows client editions, 5 for Windows Server and Office), but the host\'s current count is {{count}}: it answers them without activating until enough distinct machines have asked within 30 days. Clients: {{machines}}.',
      fix: {
        grow: 'The count grows with each distinct machine (unique CMID) that asks within 30 days: point enough volume clients at this host, or activate these clients another way (Active Directory-based activation, MAK) until it is reached.',
        check: 'On the host, read the current count:',
      },
    },
    'clock-skew': {
      title: '{{clients}} client clock(s) differ from {{host}} by more than 4 hours',
      explanation:
        'The host logs each client\'s own time in its requests (12290). For these clients it differs from the host\'s clock by up to {{hours}} hours; KMS refuses activation beyond 4 hours (0xC004F06C). Clients: {{machines}}.',
      fix: {
        resync: 'Synchronise the client\'s clock with the domain time source:',
        compare: 'Compare the client\'s clock with the host:',
      },
    },
  },
} as const;
