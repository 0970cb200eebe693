/**
 * KMS client setup keys (GVLKs) as Microsoft publishes them ("Key Management Services (KMS) client
 * activation and product keys", learn.microsoft.com/windows-server/get-started/kms-client-activation-keys,
 * and "GVLKs for KMS and Active Directory-based activation of Office, Project, and Visio"), with the
 * edition IDs a machine reports (slmgr "Name: Windows(R), <EditionID> edition", WMI LicenseFamily),
 * the KMS-client Activation IDs where known (the SKU IDs of the VOLUME_KMSCLIENT licenses, as listed
 * in the py-kms / vlmcsd KMS database) and the OS builds of each product, used to tell apart editions
 * whose names are the same across versions (ServerStandard is 2012 R2 … 2025).
 */

export type GvlkFamily = 'windows-client' | 'windows-server' | 'office';

export interface GvlkEntry {
  /** Product as Microsoft's table groups it, e.g. "Windows Server 2022", "Windows 11 / Windows 10". */
  readonly product: string;
  /** Edition names of Microsoft's table row (several when one key serves several versions). */
  readonly editions: readonly string[];
  readonly gvlk: string;
  readonly family: GvlkFamily;
  /** Edition IDs as Windows reports them (slmgr Name line, SoftwareLicensingProduct.LicenseFamily). */
  readonly editionIds: readonly string[];
  /** Activation IDs (SKU IDs) of the KMS client license, lower-case; empty where not known. */
  readonly activationIds: readonly string[];
  /** OS build ranges [from, to] the product ships as; empty for Office. */
  readonly builds: readonly (readonly [number, number])[];
}

type Row = readonly [edition: string, gvlk: string, editionId: string, activationId?: string];

function group(product: string, family: GvlkFamily, builds: readonly (readonly [number, number])[], rows: readonly Row[]): GvlkEntry[] {
  return rows.map(([edition, gvlk, editionId, activationId]) => ({
    product,
    editions: edition.split(' | '),
    gvlk,
    family,
    editionIds: [editionId],
    activationIds: activationId === undefined ? [] : [activationId],
    builds,
  }));
}

const one = (build: number): readonly [number, number] => [build, build];

export const gvlkTable: readonly GvlkEntry[] = [
  ...group('Windows Server 2025', 'windows-server', [one(26100)], [
    ['Windows Server 2025 Standard', 'TVRH6-WHNXV-R9WG3-9XRFY-MY832', 'ServerStandard'],
    ['Windows Server 2025 Datacenter', 'D764K-2NDRG-47T6Q-P8T8W-YP6DF', 'ServerDatacenter'],
    ['Windows Server 2025 Datacenter: Azure Edition', 'XGN3F-F394H-FD2MY-PP6FD-8MCRC', 'ServerTurbine'],
  ]),
  ...group('Windows Server 2022', 'windows-server', [one(20348)], [
    ['Windows Server 2022 Standard', 'VDYBN-27WPP-V4HQT-9VMD4-VMK7H', 'ServerStandard', '9bd77860-9b31-4b7b-96ad-2564017315bf'],
    ['Windows Server 2022 Datacenter', 'WX4NM-KYWYW-QJJR4-XV3QB-6VM33', 'ServerDatacenter', 'ef6cfc9f-8c5d-44ac-9aad-de6a2ea0ae03'],
    ['Windows Server 2022 Datacenter: Azure Edition', 'NTBV8-9K7Q8-V27C6-M2BTV-KHMXV', 'ServerTurbine'],
  ]),
  ...group('Windows Server 2019', 'windows-server', [one(17763)], [
    ['Windows Server 2019 Standard', 'N69G4-B89J2-4G8F4-WWYCC-J464C', 'ServerStandard', 'de32eafd-aaee-4662-9444-c1befb41bde2'],
    ['Windows Server 2019 Datacenter', 'WMDGN-G9PQG-XVVXX-R3X43-63DFG', 'ServerDatacenter', '34e1ae55-27f8-4950-8877-7a03be5fb181'],
    ['Windows Server 2019 Essentials', 'WVDHN-86M7X-466P6-VHXV7-YY726', 'ServerSolution', '034d3cbb-5d4b-4245-b3f8-f84571314078'],
  ]),
  ...group('Windows Server 2016', 'windows-server', [one(14393)], [
    ['Windows Server 2016 Standard', 'WC2BQ-8NRM3-FDDYY-2BFGV-KHKQY', 'ServerStandard', '8c1c5410-9f39-4805-8c9d-63a07706358f'],
    ['Windows Server 2016 Datacenter', 'CB7KF-BWN84-R7R2Y-793K2-8XDDG', 'ServerDatacenter', '21c56779-b449-4d20-adfc-eece0e1ad74b'],
    ['Windows Server 2016 Essentials', 'JCKRF-N37P4-C2D82-9YXRT-4M63B', 'ServerSolution', '2b5a1b0f-a5ab-4c54-ac2f-a6d94824a283'],
  ]),
  ...group('Windows Server, versions 20H2, 2004, 1909, 1903, and 1809', 'windows-server', [one(17763), [18362, 18363], [19041, 19042]], [
    ['Windows Server Standard', 'N2KJX-J94YW-TQVFB-DG9YT-724CC', 'ServerStandardACor', '73e3957c-fc0c-400d-9184-5f7b6f2eb409'],
    ['Windows Server Datacenter', '6NMRW-2C8FM-D24W7-TQWMY-CWH2D', 'ServerDatacenterACor', '90c362e5-0da1-4bfd-b53b-b87d309ade43'],
  ]),
  ...group('Windows Server, version 1803', 'windows-server', [one(17134)], [
    ['Windows Server Standard', 'PTXN8-JFHJM-4WC78-MPCBR-9W4KR', 'ServerStandardACor', '61c5ef22-f14f-4553-a824-c4b31e84b100'],
    ['Windows Server Datacenter', '2HXDN-KRXHB-GPYC7-YCKFJ-7FVDG', 'ServerDatacenterACor', 'e49c08e7-da82-42f8-bde2-b570fbcae76c'],
  ]),
  ...group('Windows Server, version 1709', 'windows-server', [one(16299)], [
    ['Windows Server Standard', 'DPCNP-XQFKJ-BJF7R-FRC8D-GF6G4', 'ServerStandardACor'],
    ['Windows Server Datacenter', '6Y6KB-N82V8-D8CQV-23MJW-BWTG6', 'ServerDatacenterACor'],
  ]),
  ...group('Windows 11 / Windows 10', 'windows-client', [[10240, 99999]], [
    ['Windows 11 Pro | Windows 10 Pro', 'W269N-WFGWX-YVC9B-4J6C9-T83GX', 'Professional', '2de67392-b7a7-462a-b1ca-108dd189f588'],
    ['Windows 11 Pro N | Windows 10 Pro N', 'MH37W-N47XK-V7XM9-C7227-GCQG9', 'ProfessionalN', 'a80b5abf-76ad-428b-b05d-a47d2dffeebf'],
    ['Windows 11 Pro for Workstations | Windows 10 Pro for Workstations', 'NRG8B-VKK3Q-CXVCJ-9G2XF-6Q84J', 'ProfessionalWorkstation', '82bbc092-bc50-4e16-8e18-b74fc486aec3'],
    ['Windows 11 Pro for Workstations N | Windows 10 Pro for Workstations N', '9FNHH-K3HBT-3W4TD-6383H-6XYWF', 'ProfessionalWorkstationN', '4b1571d3-bafb-4b40-8087-a961be2caf65'],
    ['Windows 11 Pro Education | Windows 10 Pro Education', '6TP4R-GNPTD-KYYHQ-7B7DP-J447Y', 'ProfessionalEducation', '3f1afc82-f8ac-4f6c-8005-1d233e606eee'],
    ['Windows 11 Pro Education N | Windows 10 Pro Education N', 'YVWGF-BXNMC-HTQYQ-CPQ99-66QFC', 'ProfessionalEducationN', '5300b18c-2e33-4dc2-8291-47ffcec746dd'],
    ['Windows 11 Education | Windows 10 Education', 'NW6C2-QMPVW-D7KKK-3GKT6-VCFB2', 'Education', 'e0c42288-980c-4788-a014-c080d2e1926e'],
    ['Windows 11 Education N | Windows 10 Education N', '2WH4N-8QGBV-H22JP-CT43Q-MDWWJ', 'EducationN', '3c102355-d027-42c6-ad23-2e7ef8a02585'],
    ['Windows 11 Enterprise | Windows 10 Enterprise', 'NPPR9-FWDCX-D2C8J-H872K-2YT43', 'Enterprise', '73111121-5638-40f6-bc11-f1d7b0d64300'],
    ['Windows 11 Enterprise N | Windows 10 Enterprise N', 'DPH2V-TTNVB-4X9Q3-TJR4H-KHJW4', 'EnterpriseN', 'e272e3e2-732f-4c65-a8f0-484747d0d947'],
    ['Windows 11 Enterprise G | Windows 10 Enterprise G', 'YYVX9-NTFWV-6MDM3-9PT4T-4M68B', 'EnterpriseG', 'e0b2d383-d112-413f-8a80-97f373a5820c'],
    ['Windows 11 Enterprise G N | Windows 10 Enterprise G N', '44RPN-FTY23-9VTTB-MP9BX-T84FV', 'EnterpriseGN', 'e38454fb-41a4-4f59-a5dc-25080e354730'],
  ]),
  ...group('Windows 11 LTSC 2024 / Windows 10 LTSC 2021, 2019', 'windows-client', [one(17763), one(19044), one(26100)], [
    ['Windows 11 Enterprise LTSC 2024 | Windows 10 Enterprise LTSC 2021 | Windows 10 Enterprise LTSC 2019', 'M7XTQ-FN8P6-TTKYV-9D4CC-J462D', 'EnterpriseS', '32d2fab3-e4a8-42c2-923b-4bf4fd13e6ee'],
    ['Windows 11 Enterprise N LTSC 2024 | Windows 10 Enterprise N LTSC 2021 | Windows 10 Enterprise N LTSC 2019', '92NFX-8DJQP-P6BBQ-THF9C-7CG2H', 'EnterpriseSN', '7103a333-b8c8-49cc-93ce-d37c09687f92'],
  ]),
  ...group('Windows IoT Enterprise LTSC', 'windows-client', [one(19044), one(26100)], [
    ['Windows IoT Enterprise LTSC 2024 | Windows IoT Enterprise LTSC 2021', 'KBN8V-HFGQ4-MGXVD-347P6-PDQGT', 'IoTEnterpriseS'],
  ]),
  ...group('Windows 10 LTSB 2016', 'windows-client', [one(14393)], [
    ['Windows 10 Enterprise LTSB 2016', 'DCPHK-NFMTC-H88MJ-PFHPY-QJ4BJ', 'EnterpriseS', '2d5a5a60-3040-48bf-beb0-fcd770c20ce0'],
    ['Windows 10 Enterprise N LTSB 2016', 'QFFDN-GRT3P-VKWWX-X7T3R-8B639', 'EnterpriseSN', '9f776d83-7156-45b2-8a5c-359b9c9f22a3'],
  ]),
  ...group('Windows 10 LTSB 2015', 'windows-client', [one(10240)], [
    ['Windows 10 Enterprise LTSB 2015', 'WNMTR-4C88C-JK8YV-HQ7T2-76DF9', 'EnterpriseS', '7b51a46c-0c04-4e8f-9af4-8496cca90d5e'],
    ['Windows 10 Enterprise N LTSB 2015', '2F77B-TNFGY-69QQF-B8YKP-D69TJ', 'EnterpriseSN', '87b838b7-41b6-4590-8318-5797951d8529'],
  ]),
  ...group('Windows Server 2012 R2', 'windows-server', [one(9600)], [
    ['Windows Server 2012 R2 Standard', 'D2N9P-3P6X9-2R39C-7RTCD-MDVJX', 'ServerStandard', 'b3ca044e-a358-4d68-9883-aaa2941aca99'],
    ['Windows Server 2012 R2 Datacenter', 'W3GGN-FT8W3-Y4M27-J84CP-Q3VJ9', 'ServerDatacenter', '00091344-1ea4-4f37-b789-01750ba6988c'],
    ['Windows Server 2012 R2 Essentials', 'KNC87-3J2TX-XB4WP-VCPJV-M4FWM', 'ServerSolution', '21db6ba4-9a7b-4a14-9e29-64a60c59301d'],
  ]),
  ...group('Windows Server 2012', 'windows-server', [one(9200)], [
    ['Windows Server 2012 Standard', 'XC9B7-NBPP2-83J2H-RHMBY-92BT4', 'ServerStandard', 'f0f5ec41-0d55-4732-af02-440a44a3cf0f'],
    ['Windows Server 2012 MultiPoint Standard', 'HM7DN-YVMH3-46JC3-XYTG7-CYQJJ', 'ServerMultiPointStandard', '7d5486c7-e120-4771-b7f1-7b56c6d3170c'],
    ['Windows Server 2012 MultiPoint Premium', 'XNH6W-2V9GX-RGJ4K-Y8X6F-QGJ2G', 'ServerMultiPointPremium', '95fd1c83-7df5-494a-be8b-1300e1c9d1cd'],
    ['Windows Server 2012 Datacenter', '48HP8-DN98B-MYWDG-T2DCC-8W83P', 'ServerDatacenter', 'd3643d60-0c42-412d-a7d6-52e6635327f6'],
    ['Windows Server 2012 Essentials', 'HTDQM-NBMMG-KGYDT-2DTKT-J2MPV', 'ServerSolution'],
  ]),
  ...group('Windows Server 2008 R2', 'windows-server', [[7600, 7601]], [
    ['Windows Server 2008 R2 Web', '6TPJF-RBVHG-WBW2R-86QPH-6RTM4', 'ServerWeb', 'a78b8bd9-8017-4df5-b86a-09f756affa7c'],
    ['Windows Server 2008 R2 HPC edition', 'TT8MH-CG224-D3D7Q-498W2-9QCTX', 'ServerHPC', 'cda18cf3-c196-46ad-b289-60c072869994'],
    ['Windows Server 2008 R2 Standard', 'YC6KT-GKW9T-YTKYR-T4X34-R7VHC', 'ServerStandard', '68531fb9-5511-4989-97be-d11a0f55633f'],
    ['Windows Server 2008 R2 Enterprise', '489J6-VHDMP-X63PK-3K798-CPX3Y', 'ServerEnterprise', '620e2b3d-09e7-42fd-802a-17a13652fe7a'],
    ['Windows Server 2008 R2 Datacenter', '74YFP-3QFB3-KQT8W-PMXWJ-7M648', 'ServerDatacenter', '7482e61b-c589-4b7f-8ecc-46d455ac3b87'],
    ['Windows Server 2008 R2 for Itanium-based Systems', 'GT63C-RJFQ3-4GMB6-BRFB9-CB83V', 'ServerEnterpriseIA64', '8a26851c-1c7e-48d3-a687-fbca9b9ac16b'],
  ]),
  ...group('Windows Server 2008', 'windows-server', [[6001, 6003]], [
    ['Windows Web Server 2008', 'WYR28-R7TFJ-3X2YQ-YCY4H-M249D', 'ServerWeb', 'ddfa9f7c-f09e-40b9-8c1a-be877a9a7f4b'],
    ['Windows Server 2008 Standard', 'TM24T-X9RMF-VWXK6-X8JC9-BFGM2', 'ServerStandard', 'ad2542d4-9154-4c6d-8a44-30f11ee96989'],
    ['Windows Server 2008 Standard without Hyper-V', 'W7VD6-7JFBR-RX26B-YKQ3Y-6FFFJ', 'ServerStandardV', '2401e3d0-c50a-4b58-87b2-7e794b7d2607'],
    ['Windows Server 2008 Enterprise', 'YQGMW-MPWTJ-34KDK-48M3W-X4Q6V', 'ServerEnterprise', 'c1af4d90-d1bc-44ca-85d4-003ba33db3b9'],
    ['Windows Server 2008 Enterprise without Hyper-V', '39BXF-X8Q23-P2WWT-38T2F-G3FPG', 'ServerEnterpriseV', '8198490a-add0-47b2-b3ba-316b12d647b4'],
    ['Windows Server 2008 HPC', 'RCTX3-KWVHP-BR6TB-RB6DM-6X7HP', 'ServerComputeCluster', '7afb1156-2c1d-40fc-b260-aab7442b62fe'],
    ['Windows Server 2008 Datacenter', '7M67G-PC374-GR742-YH8V4-TCBY3', 'ServerDatacenter', '68b6e220-cf09-466b-92d3-45cd964b9509'],
    ['Windows Server 2008 Datacenter without Hyper-V', '22XQ2-VRXRG-P8D42-K34TD-G3QQC', 'ServerDatacenterV', 'fd09ef77-5647-4eff-809c-af2b64659a45'],
    ['Windows Server 2008 for Itanium-Based Systems', '4DWFP-JF3DJ-B7DTH-78FJB-PDRHK', 'ServerEnterpriseIA64', '01ef176b-3e0d-422a-b4f8-4ea880035e8f'],
  ]),
  ...group('Windows 8.1', 'windows-client', [one(9600)], [
    ['Windows 8.1 Pro', 'GCRJD-8NW9H-F2CDX-CCM8D-9D6T9', 'Professional', 'c06b6981-d7fd-4a35-b7b4-054742b7af67'],
    ['Windows 8.1 Pro N', 'HMCNV-VVBFX-7HMBH-CTY9B-B4FXY', 'ProfessionalN', '7476d79f-8e48-49b4-ab63-4d0b813a16e4'],
    ['Windows 8.1 Enterprise', 'MHF9N-XY6XB-WVXMC-BTDCT-MKKG7', 'Enterprise', '81671aaf-79d1-4eb1-b004-8cbbe173afea'],
    ['Windows 8.1 Enterprise N', 'TT4HM-HN7YT-62K67-RGRQJ-JFFXW', 'EnterpriseN', '113e705c-fa49-48a4-beea-7dd879b46b14'],
  ]),
  ...group('Windows 8', 'windows-client', [one(9200)], [
    ['Windows 8 Pro', 'NG4HW-VH26C-733KW-K6F98-J8CK4', 'Professional', 'a98bcd6d-5343-4603-8afe-5908e4611112'],
    ['Windows 8 Pro N', 'XCVCF-2NXM9-723PB-MHCB7-2RYQQ', 'ProfessionalN', 'ebf245c1-29a8-4daf-9cb1-38dfc608a8c8'],
    ['Windows 8 Enterprise', '32JNW-9KQ84-P47T8-D8GGY-CWCK7', 'Enterprise', '458e1bec-837a-45f6-b9d5-925ed5d299de'],
    ['Windows 8 Enterprise N', 'JMNMF-RHW7P-DMY6X-RF3DR-X2BQT', 'EnterpriseN', 'e14997e7-800a-4cf7-ad10-de4b45b578db'],
  ]),
  ...group('Windows 7', 'windows-client', [[7600, 7601]], [
    ['Windows 7 Professional', 'FJ82H-XT6CR-J8D7P-XQJJ2-GPDD4', 'Professional', 'b92e9980-b9d5-4821-9c94-140f632f6312'],
    ['Windows 7 Professional N', 'MRPKT-YTG23-K7D7T-X2JMM-QY7MG', 'ProfessionalN', '54a09a0d-d57b-4c10-8b69-a842d6590ad5'],
    ['Windows 7 Professional E', 'W82YF-2Q76Y-63HXB-FGJG9-GF7QX', 'ProfessionalE', '5a041529-fef8-4d07-b06f-b59b573b32d2'],
    ['Windows 7 Enterprise', '33PXH-7Y6KF-2VJC9-XBBR8-HVTHH', 'Enterprise', 'ae2ee509-1b34-41c0-acb7-6d4650168915'],
    ['Windows 7 Enterprise N', 'YDRBP-3D83W-TY26F-D46B2-XCKRJ', 'EnterpriseN', '1cb6d605-11b3-4e14-bb30-da91c8e3983a'],
    ['Windows 7 Enterprise E', 'C29WB-22CC8-VJ326-GHFJW-H9DH4', 'EnterpriseE', '46bbed08-9c7b-48fc-a614-95250573f4ea'],
  ]),
  ...group('Windows Vista', 'windows-client', [[6000, 6003]], [
    ['Windows Vista Business', 'YFKBB-PQJJV-G996G-VWGXY-2V3X8', 'Business', '4f3d1606-3fea-4c01-be3c-8d671c401e3b'],
    ['Windows Vista Business N', 'HMBQG-8H2RH-C77VX-27R82-VMQBT', 'BusinessN', '2c682dc2-8b68-4f63-a165-ae291d4cf138'],
    ['Windows Vista Enterprise', 'VKK3X-68KWM-X2YGT-QR4M6-4BWMV', 'Enterprise', 'cfd8ff08-c0d7-452b-9f60-ef5c70c32094'],
    ['Windows Vista Enterprise N', 'VTC42-BM838-43QHV-84HX6-XJXKV', 'EnterpriseN', 'd4f54950-26f2-4fb4-ba21-ffab16afcade'],
  ]),
  ...group('Office LTSC 2021', 'office', [], [
    ['Office LTSC Professional Plus 2021', 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH', 'ProPlus2021VL_KMS_Client_AE'],
    ['Office LTSC Standard 2021', 'KDX7X-BNVR8-TXXGX-4Q7Y8-78VT3', 'Standard2021VL_KMS_Client_AE'],
    ['Project Professional 2021', 'FTNWT-C6WBT-8HMGF-K9PRX-QV9H8', 'ProjectPro2021VL_KMS_Client_AE'],
    ['Project Standard 2021', 'J2JDC-NJCYY-9RGQ4-YXWMH-T3D4T', 'ProjectStd2021VL_KMS_Client_AE'],
    ['Visio LTSC Professional 2021', 'KNH8D-FGHT4-T8RK3-CTDYJ-K2HT4', 'VisioPro2021VL_KMS_Client_AE'],
    ['Visio LTSC Standard 2021', 'MJVNY-BYWPY-CWV6J-2RKRT-4M8QG', 'VisioStd2021VL_KMS_Client_AE'],
  ]),
  ...group('Office 2019', 'office', [], [
    ['Office Professional Plus 2019', 'NMMKJ-6RK4F-KMJVX-8D9MJ-6MWKP', 'ProPlus2019VL_KMS_Client_AE'],
    ['Office Standard 2019', '6NWWJ-YQWMR-QKGCB-6TMB3-9D9HK', 'Standard2019VL_KMS_Client_AE'],
    ['Project Professional 2019', 'B4NPR-3FKK7-T2MBV-FRQ4W-PKD2B', 'ProjectPro2019VL_KMS_Client_AE'],
    ['Project Standard 2019', 'C4F7P-NCP8C-6CQPT-MQHV9-JXD2M', 'ProjectStd2019VL_KMS_Client_AE'],
    ['Visio Professional 2019', '9BGNQ-K37YR-RQHF2-38RQ3-7VCBB', 'VisioPro2019VL_KMS_Client_AE'],
    ['Visio Standard 2019', '7TQNQ-K3YQQ-3PFH7-CCPPM-X4VQ2', 'VisioStd2019VL_KMS_Client_AE'],
  ]),
  ...group('Office 2016', 'office', [], [
    ['Office Professional Plus 2016', 'XQNVK-8JYDB-WJ9W3-YJ8YR-WFG99', 'ProPlusVL_KMS_Client'],
    ['Office Standard 2016', 'JNRGM-WHDWX-FJJG3-K47QV-DRTFM', 'StandardVL_KMS_Client'],
    ['Project Professional 2016', 'YG9NW-3K39V-2T3HJ-93F3Q-G83KT', 'ProjectProVL_KMS_Client'],
    ['Project Standard 2016', 'GNFHQ-F6YQM-KQDGJ-327XX-KQBVC', 'ProjectStdVL_KMS_Client'],
    ['Visio Professional 2016', 'PD3PC-RHNGV-FXJ29-8JK7D-RJRJK', 'VisioProVL_KMS_Client'],
    ['Visio Standard 2016', '7WHWN-4T7MP-G96JF-G33KR-W8GF4', 'VisioStdVL_KMS_Client'],
  ]),
];

export interface FindGvlkOptions {
  /** OS build (26100) or version ("10.0.26100.8737", slmgr's service version) to tell versions apart. */
  readonly build?: number | string | null;
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

function buildNumber(build: number | string | null | undefined): number | null {
  if (typeof build === 'number') return Number.isInteger(build) && build > 0 ? build : null;
  if (typeof build !== 'string') return null;
  const parts = build.trim().split('.');
  const candidate = parts.length >= 3 ? parts[2] : parts[0];
  return candidate !== undefined && /^\d{4,5}$/.test(candidate) ? Number(candidate) : null;
}

const normalizeName = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\((r|tm)\)/g, ' ')
    .replace(/^microsoft\s+/, '')
    .replace(/\bprofessional\b/g, 'pro')
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();

/** Edition ID and version hint of "Windows(R) 7, Enterprise edition" / "Office 16, Office16ProPlusVL_KMS_Client edition". */
function editionOf(text: string): { id: string; version: string | null; office: boolean } | null {
  const slmgr = /^(windows(?:\s+server)?|office)\s*(?:\((?:r|tm)\))?\s*([^,]*),\s*(\S+)\s+edition$/i.exec(text.trim());
  if (slmgr !== null) {
    const office = (slmgr[1] ?? '').toLowerCase() === 'office';
    const id = office ? (slmgr[3] ?? '').replace(/^Office\d\d/i, '') : (slmgr[3] ?? '');
    return { id, version: (slmgr[2] ?? '').trim() || null, office };
  }
  // A bare edition ID, as WMI's LicenseFamily gives it.
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(text.trim())) return { id: text.trim(), version: null, office: false };
  return null;
}

const VERSION_PRODUCT: Readonly<Record<string, string>> = {
  vista: 'Windows Vista',
  '7': 'Windows 7',
  '8': 'Windows 8',
  '8.1': 'Windows 8.1',
};

/** Every table entry the edition name, edition ID or Activation ID a machine reports could mean. */
export function findGvlkCandidates(editionOrActivationId: string, options?: FindGvlkOptions): readonly GvlkEntry[] {
  const input = typeof editionOrActivationId === 'string' ? editionOrActivationId.trim() : '';
  if (input === '' || input.length > 300) return [];
  const guid = GUID.exec(input);
  if (guid !== null) {
    const id = (guid[1] ?? '').toLowerCase();
    return gvlkTable.filter((entry) => entry.activationIds.includes(id));
  }
  const build = buildNumber(options?.build);
  const inBuild = (entry: GvlkEntry): boolean => build === null || entry.builds.length === 0 || entry.builds.some(([from, to]) => build >= from && build <= to);
  // A table edition name ("Windows Server 2022 Standard", "Windows 11 Pro", an OS caption).
  const wanted = normalizeName(input);
  const byName = gvlkTable.filter((entry) => entry.editions.some((edition) => normalizeName(edition) === wanted));
  if (byName.length > 0) return byName.filter(inBuild);
  const edition = editionOf(input);
  if (edition === null) return [];
  const versionProduct = edition.version === null ? undefined : VERSION_PRODUCT[edition.version.toLowerCase()];
  // Vista and 7 name their version in the Name line ("Windows(R) 7, …"); a Name without one is 8 or later.
  const versionless = edition.version === null && /,\s*\S+\s+edition$/i.test(input);
  return gvlkTable.filter(
    (entry) =>
      entry.editionIds.some((id) => id.toLowerCase() === edition.id.toLowerCase()) &&
      (entry.family === 'office') === edition.office &&
      (versionProduct === undefined || entry.product === versionProduct) &&
      !(versionless && (entry.product === 'Windows 7' || entry.product === 'Windows Vista')) &&
      inBuild(entry),
  );
}

/**
 * The GVLK to install for the edition a machine reports: an Activation ID (from /dlv or WMI), a
 * slmgr Name ("Windows(R), ServerStandard edition"), an edition ID or a table edition name. Null
 * when unknown or ambiguous (e.g. ServerStandard without a build: 2012 R2 … 2025 all use that ID);
 * pass the OS build or slmgr's service version to decide.
 */
export function findGvlk(editionOrActivationId: string, options?: FindGvlkOptions): GvlkEntry | null {
  const candidates = findGvlkCandidates(editionOrActivationId, options);
  const first = candidates[0];
  if (first === undefined) return null;
  return candidates.every((entry) => entry.gvlk === first.gvlk) ? first : null;
}
