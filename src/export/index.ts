// The export formats, by name. A new format is one file in this folder and one line here.
import { csv } from './csv.js';
import type { Exporter } from './exporter.js';
import { jsonl } from './jsonl.js';

export const EXPORTERS: readonly Exporter[] = [jsonl, csv];

export const exporterFor = (format: string) => EXPORTERS.find((e) => e.format === format);

export type { ExportCounts, Exporter, ExportOutput } from './exporter.js';
