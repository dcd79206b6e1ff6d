import { parse, plan, type CelEnv, type CelResult } from '@bufbuild/cel';
import { analyseRule, type RuleReads } from './rule-analysis.ts';

/** A rule ready to run once per person: compiled once per agreement version. */
export interface CompiledRule {
  id: string;
  text: string;
  run: (bindings: Record<string, unknown>) => CelResult;
  reads: RuleReads;
  /** Where an expression of the rule starts in its text, for error messages. */
  positionOf: (exprId: bigint | undefined) => RulePosition;
}

export interface RulePosition {
  line: number;
  column: number;
}

/** Why a rule was refused, and where in its text (lines and columns from 1). */
export interface RuleProblem extends RulePosition {
  message: string;
}

export type RuleCompilation =
  { ok: true; rule: CompiledRule } | { ok: false; problem: RuleProblem };

/** Parses, checks and plans a rule; a rule that does not compile is refused with the position of its first problem. */
export function compileRule(env: CelEnv, id: string, text: string): RuleCompilation {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text);
  } catch (error) {
    return { ok: false, problem: syntaxProblem(text, error) };
  }
  const offsets = parsed.sourceInfo?.positions ?? {};
  const positionOf = (exprId: bigint | undefined): RulePosition =>
    positionAt(text, exprId === undefined ? 0 : (offsets[Number(exprId)] ?? 0));
  const { reads, problems } = analyseRule(parsed.expr);
  const [first] = problems;
  if (first) return { ok: false, problem: { ...positionOf(first.exprId), message: first.message } };
  try {
    const run = plan(env, parsed) as CompiledRule['run'];
    return { ok: true, rule: { id, text, run, reads, positionOf } };
  } catch (error) {
    return { ok: false, problem: { line: 1, column: 1, message: messageOf(error) } };
  }
}

/** The line and column (from 1) of an offset in a text. */
export function positionAt(text: string, offset: number): RulePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxProblem(text: string, error: unknown): RuleProblem {
  const { location, rawMessage } = error as {
    location?: { start?: { line?: number; column?: number; offset?: number } };
    rawMessage?: string;
  };
  const start = location?.start;
  const position =
    start?.line !== undefined && start.column !== undefined
      ? { line: start.line, column: start.column }
      : positionAt(text, start?.offset ?? 0);
  return { ...position, message: `syntax error: ${rawMessage ?? messageOf(error)}` };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The parser prefixes a position of its own ("<input>:1:18: "); ours is given apart.
  return message.replace(/^<input>:\d+:\d+:\s*/, '');
}
