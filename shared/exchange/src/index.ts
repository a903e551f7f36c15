// Data exchange: spreadsheet import and export, documents. Each kind of data has one column
// definition (Vietnamese headers as officials write them), shared by the import template, the import
// validator and the export, so that an exported file imports back unchanged.
export * from './columns';
export * from './read';
export * from './validate';
export * from './template';
export * from './import';
export * from './write-rows';
export * from './export/table';
export * from './export/source';
export * from './export/labels';
export * from './export/cadre-list';
export * from './export/statistics';
export * from './export/planning-list';
export * from './export/kind-columns';
export * from './export/history';
export * from './documents/dossier';
export * from './documents/committee-report';
