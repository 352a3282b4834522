// The export formats, by name. A new format is one file in this folder and one line here.
import { claimreview } from './claimreview.js';
import { csv } from './csv.js';
import type { Exporter } from './exporter.js';
import { gexf } from './gexf.js';
import { graphml } from './graphml.js';
import { jsonl } from './jsonl.js';
import { prov } from './prov.js';

export const EXPORTERS: readonly Exporter[] = [jsonl, csv, claimreview, prov, gexf, graphml];

export const exporterFor = (format: string) => EXPORTERS.find((e) => e.format === format);

export type { ExportCounts, Exporter, ExportOutput, ExportScope } from './exporter.js';
