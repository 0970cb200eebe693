import type { FindingId, Severity } from '../kms/findings.js';
import type { Role } from '../kms/role.js';
import type { VerdictLevel, WorstSeverity } from '../kms/severity.js';
import type { ClientAnalysis } from './client-events.js';
import type { EvidenceSet } from './evidence.js';
import type { FirewallCoverage } from './firewall.js';
import type { HostAnalysis } from './host-events.js';
import type { Gap, Verdict } from './verdict.js';

export type { FindingId, Severity };
export { uiLanguages as languages, type UiLanguageCode as Lang } from '../contract/languages.js';
import type { UiLanguageCode as Lang } from '../contract/languages.js';

export interface FindingEvidence {
  /** Where the excerpt comes from: a file path in the bundle, or a description of the check. */
  readonly source: string;
  /** The exact line or event that proves the finding, verbatim. */
  readonly excerpt: string;
}

/** Where a fix command runs: the machine diagnosed is not always the one to change (DESIGN.md §5). */
export type FixRunOn = 'client' | 'host' | 'dns-server' | 'any';
export const fixRunOnValues: readonly FixRunOn[] = ['client', 'host', 'dns-server', 'any'];
/** The shell a command is written for: cmd (cscript, w32tm, nslookup) or PowerShell (cmdlets). */
export type FixShell = 'cmd' | 'powershell';
export const fixShells: readonly FixShell[] = ['cmd', 'powershell'];

/**
 * One step of a fix (DESIGN.md §5): the text, and when the step is a command, the command filled with the
 * values the evidence knows (a `<placeholder>` only for what it does not), where it runs and in which
 * shell; `caution` where running it changes a working system (a key, a rearm, sysprep).
 */
export interface FindingFix {
  readonly text: string;
  /** A command to copy, when the fix is one. */
  readonly command?: string;
  /** Present with every command. */
  readonly runOn?: FixRunOn;
  /** Present with every command. */
  readonly shell?: FixShell;
  readonly caution?: string;
}

/** A finding as the technician reads it (DESIGN.md §5). */
export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly title: string;
  readonly explanation: string;
  readonly evidence: readonly FindingEvidence[];
  readonly fixes: readonly FindingFix[];
  readonly docs: readonly string[];
  /** The root cause that explains this finding (the verdict folds it under that one). */
  readonly explainedBy?: FindingId;
}

export type TextVars = Readonly<Record<string, string | number>>;

/** Texts of cautions, under `common.caution.<key>` in the finding texts. */
export type CautionKey = 'ipk' | 'rearm' | 'sysprep' | 'edition' | 'firewall' | 'restart';

/** A command as a rule writes it: built by the helpers of `fix-commands.ts`, never by hand. */
export interface DraftCommand {
  readonly command: string;
  readonly runOn: FixRunOn;
  readonly shell: FixShell;
  readonly caution?: CautionKey;
}

/** A fix by text key (translated by the engine) or already in the output language (from the error catalog). */
export type DraftFix = ({ readonly key: string; readonly vars?: TextVars } | { readonly text: string }) & {
  readonly run?: DraftCommand;
  /** Never: a bare command string would lose where it runs and its shell (a draft built with one fails to compile). */
  readonly command?: never;
};

/** What a rule returns: ids, variables and raw evidence; the engine turns it into text in one language. */
export interface FindingDraft {
  readonly id: FindingId;
  /** Overrides the catalog's default severity (e.g. an override that works is info, one that fails a problem). */
  readonly severity?: Severity;
  readonly vars?: TextVars;
  /** Which title text: `<id>.<title>`; default "title". */
  readonly title?: string;
  /** Which explanation text: `<id>.<explanation>`; default "explanation". */
  readonly explanation?: string;
  readonly evidence: readonly FindingEvidence[];
  /** Fix texts by key under `<id>.fix.<key>`, or `common.fix.<key>` when the key starts with "common.". */
  readonly fixes: ReadonlyArray<DraftFix>;
  /** HRESULTs this finding explains: a generic finding with one of these codes ranks after it. */
  readonly explains?: readonly string[];
  /** For generic findings: the HRESULT they are about (ranked after a finding that explains it). */
  readonly about?: string;
  readonly docs?: readonly string[];
}

/** The machine's role (shared/kms/role.ts). */
export type DetectedRole = Role;

/** What every rule sees: the evidence and the analyses derived from it once. */
export interface RuleContext {
  readonly evidence: EvidenceSet;
  readonly role: DetectedRole;
  readonly client: ClientAnalysis | null;
  readonly host: HostAnalysis | null;
  /** The KMS port's firewall coverage (shared/diagnose/firewall.ts), null without firewall evidence. */
  readonly firewall: FirewallCoverage | null;
  readonly lang: Lang;
  /** Short meaning of an HRESULT in the output language ("" when unknown). */
  readonly explainCode: (hresult: string) => { readonly name: string; readonly meaning: string; readonly known: boolean };
}

export type Rule = (context: RuleContext) => FindingDraft | readonly FindingDraft[] | null;

export interface DiagnosisSummary {
  readonly role: DetectedRole;
  readonly verdict: VerdictLevel;
  /** The most serious finding's severity, `none` without findings (what the history lists per run). */
  readonly worstSeverity: WorstSeverity;
  readonly problems: number;
  readonly warnings: number;
  readonly info: number;
  /** The first (root-cause) finding's id, or null. */
  readonly topFinding: FindingId | null;
  /** Where the host analysis window ends and why (manifest / newest event), when there is one. */
  readonly windowEnd: string | null;
  readonly evidence: readonly string[];
  readonly lang: Lang;
}

/** The `analyze --json` document: `{ role, verdict, gaps, findings, summary, hostAnalysis?, firewall?, clientAnalysis? }`. */
export interface DiagnosisResult {
  readonly role: DetectedRole;
  /** Read first: the root cause (and what it explains), or what works. */
  readonly verdict: Verdict;
  /** Evidence that could not be collected, apart from the findings. */
  readonly gaps: readonly Gap[];
  readonly findings: readonly Finding[];
  readonly summary: DiagnosisSummary;
  readonly hostAnalysis?: HostAnalysis;
  readonly clientAnalysis?: ClientAnalysisSummary;
  /** Present with firewall evidence: what `host.firewall-closed` decided, for the host dashboard. */
  readonly firewall?: FirewallCoverage;
}

/** The JSON-friendly part of the client analysis (events kept as the fields that matter). */
export interface ClientAnalysisSummary {
  readonly requests: number;
  readonly responses: number;
  readonly unanswered: number;
  readonly latestUnanswered: boolean;
  readonly hostCount: number | null;
  readonly minimumCount: number | null;
  readonly activated: boolean | null;
  readonly latestError: { readonly hresult: string; readonly name: string; readonly meaning: string; readonly time: string | null } | null;
  readonly clockSkew: ReadonlyArray<{ readonly time: string | null; readonly skewMinutes: number }>;
  readonly hostsContacted: readonly string[];
  readonly timeline: ReadonlyArray<{ readonly time: string | null; readonly host: string | null; readonly hresult: string | null; readonly answered: boolean; readonly activated: boolean | null; readonly count: number | null }>;
}

export type { ClientAnalysis, HostAnalysis, EvidenceSet };
