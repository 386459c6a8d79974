/** The mapping module's public API (see shared/domain/README.md, "Mapping"). */
export {
  type CompiledMapping,
  type CompileOptions,
  compileMapping,
  type MappedRecord,
  type MappedRow,
  MappingInvalidError,
} from './compile';
export {
  type CompletenessChange,
  completenessChange,
  type MappedObject,
  mappingCompleteness,
  providingSources,
} from './completeness';
export { compileDateParser, DateFormatError, dateFormatProblem } from './dates';
export { type PreviewOptions, previewMapping } from './preview';
export { DATE_FORMAT_CANDIDATES, profileSamples } from './samples';
export {
  bestMatchingObject,
  type ColumnMatch,
  matchColumns,
  type SuggestColumn,
  type SuggestOptions,
  suggestFields,
  suggestForObjects,
} from './suggest';
export { columnsOf, type FieldIssue, type LookupKey, type SourceRow, TRANSFORM_TARGETS } from './transforms';
export { columnFeeds, isPublishable, type ValidationContext, validateMapping } from './validate';
export { diffMappings, type PublishResult, publishMapping } from './versions';
