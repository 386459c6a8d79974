/** The KPI formula language: parse, type-check, derive requirements, compile, evaluate. */
export type * from './ast';
export { AGGREGATE_FUNCTIONS, walk } from './ast';
export type { Analysis, CheckedType, CheckOptions, ResolvedRef, TypeCheckResult } from './checker';
export { typeCheck } from './checker';
export type { Row, Value } from './compile-expr';
export type { Diagnostic, DiagnosticCode } from './diagnostics';
export { MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH, positionOf } from './diagnostics';
export type { CheckResult, EngineCheckOptions } from './engine';
export { checkFormula, FormulaEngine, findKpiCycles, kpiReferences } from './engine';
export type { CompiledFormula, Dataset, EvaluateOptions } from './evaluate';
export { compileChecked, evaluateCompiled } from './evaluate';
export type { FunctionInfo } from './functions';
export { FUNCTIONS } from './functions';
export type { Token } from './lexer';
export { lex } from './lexer';
export type { ModelIndex, ObjectInfo, ValueType } from './model';
export { indexModel, valueTypeOf } from './model';
export type { ParseResult } from './parser';
export { parseFormula } from './parser';
export type { Period, PeriodMs } from './period';
export {
  monthPeriod,
  parseIsoDate,
  parseIsoDateTime,
  previousPeriod,
  samePeriodLastYear,
  toPeriodMs,
  yearToDate,
} from './period';
export { printFormula } from './printer';
export { normalizeRecords } from './records';
export type {
  FieldUsage,
  RequiredField,
  RequiredObject,
  RequiredRelationship,
  Requirements,
} from './requirements';
export { deriveRequirements, mergeRequirements } from './requirements';
export { suggest } from './suggest';
