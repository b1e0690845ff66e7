/**
 * The Prometheus text format: `# HELP` and `# TYPE` lines, then one line per series with its
 * labels escaped as the format asks (`\\`, `"`, newline).
 *
 * @module
 */
import type { Labels } from "./types.ts";

/** One metric family as the registry keeps it. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge";
  readonly labelNames: readonly string[];
  /** Series by their canonical label key. */
  readonly series: Map<string, { labels: Labels; value: number }>;
}

/**
 * Renders families in the Prometheus text format.
 *
 * @example
 * ```ts
 * renderFamilies([{ name: "up", help: "Up.", type: "gauge", labelNames: [], series: new Map([["", { labels: {}, value: 1 }]]) }]);
 * // "# HELP up Up.\n# TYPE up gauge\nup 1\n"
 * ```
 */
export function renderFamilies(families: Iterable<Family>): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    if (family.series.size === 0 && family.labelNames.length === 0) {
      lines.push(`${family.name} 0`);
    }
    for (const { labels, value } of family.series.values()) {
      lines.push(`${family.name}${renderLabels(labels)} ${renderValue(value)}`);
    }
  }
  return lines.join("\n") + "\n";
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

function renderValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function escapeHelp(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}

/** The canonical key of a label set (label order as declared). */
export function labelKey(labelNames: readonly string[], labels: Labels): string {
  return labelNames.map((name) => labels[name] ?? "").join("\u0000");
}
