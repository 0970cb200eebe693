/**
 * The display constants of slmgr.vbs that can appear in /dli, /dlv, /dlv all, /xpr and /ato output:
 * constant name (also the slmgr.ini key) → built-in English text → the report field it fills.
 * Generated once from knowledge/SLMGR-LABELS.json (Windows 10/11 and Windows 7 scripts); `enOld` is
 * the Windows 7-era text where it differs. `field` is a path in SlmgrReport (null: the line is
 * understood but feeds no field). `indent` is what the script puts before the line (null: a value).
 */

export type SlmgrCommand = 'dli' | 'dlv' | 'xpr' | 'ato';

export interface SlmgrLabel {
  readonly key: string;
  readonly en: string;
  readonly enOld?: string;
  readonly field: string | null;
  readonly indent: 0 | 4 | null;
  readonly commands: readonly SlmgrCommand[];
}

/** Labels in the order the script declares them. */
export const slmgrLabels: readonly SlmgrLabel[] = [
  { key: "L_MsgServiceVersion", en: "Software licensing service version: ", field: "serviceVersion", indent: 0, commands: ["dlv"] },
  { key: "L_MsgProductName", en: "Name: ", field: "product.name", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgProductDesc", en: "Description: ", field: "product.description", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfoAdditionalInfo", en: "Additional Information: %MOREINFO%", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgActID", en: "Activation ID: ", field: "product.activationId", indent: 0, commands: ["dlv"] },
  { key: "L_MsgAppID", en: "Application ID: ", field: "product.applicationId", indent: 0, commands: ["dlv"] },
  { key: "L_MsgPID4", en: "Extended PID: ", field: "product.extendedPid", indent: 0, commands: ["dlv"] },
  { key: "L_MsgChannel", en: "Product Key Channel: ", field: "product.productKeyChannel", indent: 0, commands: ["dlv"] },
  { key: "L_MsgInstallationID", en: "Installation ID: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgProcessorCertUrl", en: "Processor Certificate URL: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgMachineCertUrl", en: "Machine Certificate URL: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgUseLicenseCertUrl", en: "Use License URL: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgPKeyCertUrl", en: "Product Key Certificate URL: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgValidationUrl", en: "Validation URL: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgPartialPKey", en: "Partial Product Key: ", field: "product.partialProductKey", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgErrorLicenseNotInUse", en: "This license is not in use.", field: "product.partialProductKey", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusUnlicensed_1", en: "License Status: Unlicensed", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusLicensed_1", en: "License Status: Licensed", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusVL_1", en: "Volume activation expiration: %MINUTE% minute(s) (%DAY% day(s))", field: "product.remainingMinutes", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusTBL_1", en: "Timebased activation expiration: %MINUTE% minute(s) (%DAY% day(s))", field: "product.remainingMinutes", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusAVMA_1", en: "Automatic VM activation expiration: %MINUTE% minute(s) (%DAY% day(s))", field: "product.remainingMinutes", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusInitialGrace_1", en: "License Status: Initial grace period", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusAdditionalGrace_1", en: "License Status: Additional grace period (KMS license expired or hardware out of tolerance)", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusNonGenuineGrace_1", en: "License Status: Non-genuine grace period.", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusNotification_1", en: "License Status: Notification", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusExtendedGrace_1", en: "License Status: Extended grace period", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv", "ato"] },
  { key: "L_MsgLicenseStatusUnknown", en: "License Status: Unknown", field: "product.licenseStatus", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusTimeRemaining", en: "Time remaining: %MINUTE% minute(s) (%DAY% day(s))", field: "product.remainingMinutes", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgNotificationErrorReasonNonGenuine", en: "Notification Reason: 0x%ERRCODE% (non-genuine).", field: "product.notificationReason", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgNotificationErrorReasonExpiration", en: "Notification Reason: 0x%ERRCODE% (grace time expired).", field: "product.notificationReason", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgNotificationErrorReasonOther", en: "Notification Reason: 0x%ERRCODE%.", field: "product.notificationReason", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusEvalEndData", en: "Evaluation End Date: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgRemainingWindowsRearmCount", en: "Remaining Windows rearm count: %COUNT%", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgRemainingAppRearmCount", en: "Remaining App rearm count: %COUNT%", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgRemainingSkuRearmCount", en: "Remaining SKU rearm count: %COUNT%", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgCurrentTrustedTime", en: "Trusted time: ", field: null, indent: 0, commands: ["dlv"] },
  { key: "L_MsgVLActivationTypeAll", en: "Configured Activation Type: All", field: "product.configuredActivationType", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgVLActivationTypeAD", en: "Configured Activation Type: AD", field: "product.configuredActivationType", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgVLActivationTypeKMS", en: "Configured Activation Type: KMS", field: "product.configuredActivationType", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgVLActivationTypeToken", en: "Configured Activation Type: Token", field: "product.configuredActivationType", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgPleaseActivateRefreshKMSInfo", en: "Please use slmgr.vbs /ato to activate and update KMS client information in order to update values.", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgVLMostRecentActivationInfo", en: "Most recent activation information:", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsInfo", en: "Key Management Service client information", field: "product.kmsClient", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgCmid", en: "Client Machine ID (CMID): ", field: "product.kmsClient.cmid", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsLookupDomain", en: "Registered KMS SRV record lookup domain: ", field: "product.kmsClient.registeredLookupDomain", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgRegisteredKmsName", en: "Registered KMS machine name: ", field: "product.kmsClient.registeredKmsMachine", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsFromDnsUnavailable", en: "DNS auto-discovery: KMS name not available", field: "product.kmsClient.kmsMachineFromDns", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsFromDns", en: "KMS machine name from DNS: ", field: "product.kmsClient.kmsMachineFromDns", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsIpAddress", en: "KMS machine IP address: ", field: "product.kmsClient.kmsMachineIp", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsIpAddressUnavailable", en: "KMS machine IP address: not available", field: "product.kmsClient.kmsMachineIp", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsPID4", en: "KMS machine extended PID: ", field: "product.kmsClient.kmsMachineExtendedPid", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgActivationInterval", en: "Activation interval: %INTERVAL% minutes", field: "product.kmsClient.activationIntervalMinutes", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgRenewalInterval", en: "Renewal interval: %INTERVAL% minutes", field: "product.kmsClient.renewalIntervalMinutes", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsHostCachingEnabled", en: "KMS host caching is enabled", field: "product.kmsClient.hostCaching", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsHostCachingDisabled", en: "KMS host caching is disabled", field: "product.kmsClient.hostCaching", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsUseMachineNameOverrides", en: "Warning: /skms setting overrides the /skms-domain setting. %KMS% will be used for activation.", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsEnabled", en: "Key Management Service is enabled on this machine", field: "product.kmsHost", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsCurrentCount", en: "Current count: ", field: "product.kmsHost.currentCount", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsListeningOnPort", en: "Listening on Port: ", field: "product.kmsHost.listeningPort", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsDnsPublishingEnabled", en: "DNS publishing enabled", field: "product.kmsHost.dnsPublishing", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsDnsPublishingDisabled", en: "DNS publishing disabled", field: "product.kmsHost.dnsPublishing", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsPriNormal", en: "KMS priority: Normal", field: "product.kmsHost.lowPriority", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsPriLow", en: "KMS priority: Low", field: "product.kmsHost.lowPriority", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsCumulativeRequestsFromClients", en: "Key Management Service cumulative requests received from clients", field: "product.kmsHost.requests", indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsTotalRequestsRecieved", en: "Total requests received: ", field: "product.kmsHost.requests.total", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsFailedRequestsReceived", en: "Failed requests received: ", field: "product.kmsHost.requests.failed", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusUnlicensed", en: "Requests with License Status Unlicensed: ", field: "product.kmsHost.requests.unlicensed", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusLicensed", en: "Requests with License Status Licensed: ", field: "product.kmsHost.requests.licensed", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusInitialGrace", en: "Requests with License Status Initial grace period: ", field: "product.kmsHost.requests.initialGrace", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusLicenseExpiredOrHwidOot", en: "Requests with License Status License expired or Hardware out of tolerance: ", field: "product.kmsHost.requests.expiredOrHwOutOfTolerance", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusNonGenuineGrace", en: "Requests with License Status Non-genuine grace period: ", field: "product.kmsHost.requests.nonGenuineGrace", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgKmsRequestsWithStatusNotification", en: "Requests with License Status Notification: ", field: "product.kmsHost.requests.notification", indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgADInfo", en: "AD Activation client information", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgADInfoAOName", en: "Activation Object name: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgADInfoAODN", en: "AO DN: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgADInfoExtendedPid", en: "AO extended PID: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgADInfoActID", en: "AO activation ID: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfo", en: "Token-based Activation information", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfoILID", en: "License ID (ILID): %ILID%", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfoILVID", en: "Version ID (ILvID): %ILVID%", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfoGrantNo", en: "Grant Number: %GRANTNO%", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgTkaInfoThumbprint", en: "Certificate Thumbprint: %THUMBPRINT%", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgAVMAID", en: "Guest IAID: ", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgAVMAInfo", en: "Automatic VM Activation client information", field: null, indent: 0, commands: ["dli", "dlv"] },
  { key: "L_MsgAVMAHostMachineName", en: "Host machine name: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgAVMALastActTime", en: "Activation time: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgAVMAHostPid2", en: "Host Digital PID2: ", field: null, indent: 4, commands: ["dli", "dlv"] },
  { key: "L_MsgNotAvailable", en: "Not Available", field: null, indent: null, commands: ["dli", "dlv"] },
  { key: "L_MsgLicenseStatusUnlicensed", en: "Unlicensed", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusLicensed", en: "The machine is permanently activated.", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusVL", en: "Volume activation will expire %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusTBL", en: "Timebased activation will expire %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusAVMA", en: "Automatic VM activation will expire %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusInitialGrace", en: "Initial grace period ends %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusAdditionalGrace", en: "Additional grace period ends %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusNonGenuineGrace", en: "Non-genuine grace period ends %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusNotification", en: "Windows is in Notification mode", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgLicenseStatusExtendedGrace", en: "Extended grace period ends %ENDDATE%", field: "product.licenseStatus", indent: 4, commands: ["xpr"] },
  { key: "L_MsgTokenBasedActivationMustBeDone", en: "This system is configured for Token-based activation only. Use slmgr.vbs /fta to initiate Token-based activation, or slmgr.vbs /act-type to change the activation type setting.", field: "activation[].message", indent: 0, commands: ["ato"] },
  { key: "L_MsgActivating", en: "Activating %PRODUCTNAME% (%PRODUCTID%) ...", field: "activation[].product", indent: 0, commands: ["ato"] },
  { key: "L_MsgActivated", en: "Product activated successfully.", field: "activation[].succeeded", indent: 0, commands: ["ato"] },
  { key: "L_MsgActivated_Failed", en: "Error: Product activation failed.", field: "activation[].succeeded", indent: 0, commands: ["ato"] },
  { key: "L_MsgErrorText_11", en: "The machine is running within the non-genuine grace period. Run 'slui.exe' to go online and make the machine genuine.", field: "activation[].message", indent: 0, commands: ["ato"] },
  { key: "L_MsgErrorText_12", en: "Windows is running within the non-genuine notification period. Run 'slui.exe' to go online and validate Windows.", field: "activation[].message", indent: 0, commands: ["ato"] },
  { key: "L_MsgErrorProductNotFound", en: "Error: product not found.", field: "errors[]", indent: 0, commands: ["ato"] },
  { key: "L_MsgErrorPKey", en: "Error: product key not found.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr"] },
  { key: "L_MsgUndeterminedPrimaryKeyOperation", en: "Warning: This operation may affect more than one target license.  Please verify the results.", field: null, indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgUndeterminedOperationFormat", en: "Processing the license for %PRODUCTDESCRIPTION% (%PRODUCTID%).", field: null, indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorText_8", en: "Error: ", field: "activation[].hresult", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorText_6", en: "On a computer running Microsoft Windows non-core edition, run 'slui.exe 0x2a 0x%ERRCODE%' to display the error text.", field: null, indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorLocalWMI", en: "Error 0x%ERRCODE% occurred in connecting to the local WMI provider.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorLocalRegistry", en: "Error 0x%ERRCODE% occurred in connecting to the local registry.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorWMI", en: "Error 0x%ERRCODE% occurred in creating a locator object.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorConnection", en: "Error 0x%ERRCODE% occurred in connecting to server %COMPUTERNAME%.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorImpersonation", en: "Error 0x%ERRCODE% occurred in setting impersonation level.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorAuthenticationLevel", en: "Error 0x%ERRCODE% occurred in setting authentication level.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorConnectionRegistry", en: "Error 0x%ERRCODE% occurred in connecting to the registry on server %COMPUTERNAME%.", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgRemoteWmiVersionMismatch", en: "The remote machine does not support this version of SLMgr.vbs", field: "errors[]", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgErrorDescription", en: "Error description: ", field: null, indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_5", en: "Access denied: the requested action requires elevated privileges", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_80070005", en: "Access denied: the requested action requires elevated privileges", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_80070057", en: "The parameter is incorrect", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_8007232A", en: "DNS server failure", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_8007232B", en: "DNS name does not exist", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_800706BA", en: "The RPC server is unavailable", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_8007251D", en: "No records found for DNS query", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C001", en: "The activation server determined the specified product key is invalid", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C003", en: "The activation server determined the specified product key is blocked", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C017", en: "The activation server determined the specified product key has been blocked for this geographic location.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004B100", en: "The activation server determined that the computer could not be activated", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C008", en: "The activation server determined that the specified product key could not be used", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C020", en: "The activation server reported that the Multiple Activation Key has exceeded its limit", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004C021", en: "The activation server reported that the Multiple Activation Key extension limit has been exceeded", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004D307", en: "The maximum allowed number of re-arms has been exceeded. You must re-install the OS before trying to re-arm again", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F009", en: "The software Licensing Service reported that the grace period expired", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F00F", en: "The Software Licensing Server reported that the hardware ID binding is beyond level of tolerance", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F014", en: "The Software Licensing Service reported that the product key is not available", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F025", en: "Access denied: the requested action requires elevated privileges", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F02C", en: "The software Licensing Service reported that the format for the offline activation data is incorrect", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F035", en: "The software Licensing Service reported that the computer could not be activated with a Volume license product key. Volume licensed systems require upgrading from a qualified operating system. Please contact your system administrator or use a different type of key", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F038", en: "The software Licensing Service reported that the computer could not be activated. The count reported by your Key Management Service (KMS) is insufficient. Please contact your system administrator", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F039", en: "The software Licensing Service reported that the computer could not be activated. The Key Management Service (KMS) is not enabled", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F041", en: "The software Licensing Service determined that the Key Management Server (KMS) is not activated. KMS needs to be activated", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F042", en: "The software Licensing Service determined that the specified Key Management Service (KMS) cannot be used", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F050", en: "The Software Licensing Service reported that the product key is invalid", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F051", en: "The software Licensing Service reported that the product key is blocked", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F064", en: "The software Licensing Service reported that the non-Genuine grace period expired", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F065", en: "The software Licensing Service reported that the application is running within the valid non-genuine period", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F066", en: "The Software Licensing Service reported that the product SKU is not found", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F06B", en: "The software Licensing Service determined that it is running in a virtual machine. The Key Management Service (KMS) is not supported in this mode", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F074", en: "The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted. Please see the Application Event Log for additional information.", enOld: "The Software Licensing Service reported that the computer could not be activated. The Key Management Service (KMS) is unavailable", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F075", en: "The Software Licensing Service reported that the operation cannot be completed because the service is stopping", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F304", en: "The Software Licensing Service reported that required license could not be found.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F305", en: "The Software Licensing Service reported that there are no certificates found in the system that could activate the product.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F30A", en: "The Software Licensing Service reported that the computer could not be activated. The certificate does not match the conditions in the license.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F30D", en: "The Software Licensing Service reported that the computer could not be activated. The thumbprint is invalid.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F30E", en: "The Software Licensing Service reported that the computer could not be activated. A certificate for the thumbprint could not be found.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F30F", en: "The Software Licensing Service reported that the computer could not be activated. The certificate does not match the criteria specified in the issuance license.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F310", en: "The Software Licensing Service reported that the computer could not be activated. The certificate does not match the trust point identifier (TPID) specified in the issuance license.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F311", en: "The Software Licensing Service reported that the computer could not be activated. A soft token cannot be used for activation.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
  { key: "L_MsgError_C004F312", en: "The Software Licensing Service reported that the computer could not be activated. The certificate cannot be used because its private key is exportable.", field: "activation[].message", indent: 0, commands: ["dli", "dlv", "xpr", "ato"] },
];

/** What a command confirmation says was done (the `commands[]` entry of a report). */
export type SlmgrConfirmedCommand = 'ipk' | 'upk' | 'cpky' | 'skms' | 'ckms' | 'skms-domain' | 'ckms-domain' | 'sprt' | 'act-type' | 'rearm';

export interface SlmgrCommandLabel {
  readonly key: string;
  readonly en: string;
  readonly command: SlmgrConfirmedCommand;
  /** The token that carries the value the command set, if any. */
  readonly token?: string;
}

/**
 * The confirmations of the commands that change licensing (slmgr.vbs, Windows 10/11 script): a
 * transcript that ran /ipk or /skms says so in `commands[]`. Kept apart from `slmgrLabels`, which
 * mirrors knowledge/SLMGR-LABELS.json (display constants of /dli, /dlv, /xpr, /ato only).
 */
export const slmgrCommandLabels: readonly SlmgrCommandLabel[] = [
  { key: "L_MsgInstalledPKey", en: "Installed product key %PKEY% successfully.", command: "ipk", token: "PKEY" },
  { key: "L_MsgUninstalledPKey", en: "Uninstalled product key successfully.", command: "upk" },
  { key: "L_MsgClearedPKey", en: "Product key from registry cleared successfully.", command: "cpky" },
  { key: "L_MsgKmsNameSet", en: "Key Management Service machine name set to %KMS% successfully.", command: "skms", token: "KMS" },
  { key: "L_MsgKmsNameCleared", en: "Key Management Service machine name cleared successfully.", command: "ckms" },
  { key: "L_MsgKmsLookupDomainSet", en: "Key Management Service lookup domain set to %FQDN% successfully.", command: "skms-domain", token: "FQDN" },
  { key: "L_MsgKmsLookupDomainCleared", en: "Key Management Service lookup domain cleared successfully.", command: "ckms-domain" },
  { key: "L_MsgKmsPortSet", en: "KMS port set to %PORT% successfully.", command: "sprt", token: "PORT" },
  { key: "L_MsgVLActivationTypeSet", en: "Volume activation type set successfully.", command: "act-type" },
  { key: "L_MsgRearm_1", en: "Command completed successfully.", command: "rearm" },
];

/** Lines that follow a confirmation and add nothing to it (understood, not data). */
export const slmgrConfirmationFollowUps: readonly string[] = ["Please restart the system for the changes to take effect."];
