/** Report formats of a run, all fed the same events and the same final RunReport. */
export { buildRunReport, stepNumber, summarizeProfiles, REPORT_SCHEMA_VERSION, type Reporter, type RunInfo, type RunReport, type ProfileSummary, type Totals, type TargetDescription } from "./model";
export { JsonReporter, JSON_REPORT_FILE } from "./json";
export { JunitReporter, JUNIT_REPORT_FILE, renderJunit } from "./junit";
export { HtmlReporter, HTML_REPORT_FILE, renderHtml } from "./html";
export { annotateTtlv, type DumpRow } from "./hex-dump";
export { ConsoleReporter, formatTable, type ConsoleReporterOptions } from "./console";
