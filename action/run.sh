#!/usr/bin/env bash
# The GitHub Action's work (action.yml runs it; tests run it with GitHub's variables).
#
# 1. annotations: `pmlint check --format github` (errors before warnings, then a total);
# 2. SARIF, when asked, whatever pmlint's exit code (a file pmlint could not read is a
#    notification in it; if pmlint could not even start, a valid empty run is written so
#    the upload step still works);
# 3. a Markdown summary appended to $GITHUB_STEP_SUMMARY;
# 4. optionally `pmlint sync-todo --check`.
# Outputs exit-code (of check) and todo-exit-code to $GITHUB_OUTPUT; exits non-zero when
# either failed.
#
# Inputs (environment): PMLINT (the pmlint executable), PATHS and ARGS (space-separated
# words), SARIF ("true"/"false"), SARIF_FILE, SYNC_TODO_CHECK ("true"/"false").
set -uo pipefail

pmlint="${PMLINT:-pmlint}"
read -r -a paths <<< "${PATHS:-}"
read -r -a args <<< "${ARGS:-}"

run_check() {
  "$pmlint" check ${args[@]+"${args[@]}"} "$@" ${paths[@]+"${paths[@]}"}
}

status=0
run_check --format github || status=$?

if [ "${SARIF:-false}" = "true" ]; then
  sarif_file="${SARIF_FILE:-pmlint.sarif}"
  run_check --format sarif --output-file "$sarif_file" || true
  if [ ! -s "$sarif_file" ]; then
    echo "::warning title=pmlint::pmlint could not write SARIF (exit $status); uploading an empty run"
    printf '%s\n' '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pmlint"}}, "results": [],' \
      ' "invocations": [{"executionSuccessful": false}]}]}' > "$sarif_file"
  fi
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  run_check --format markdown --quiet >> "$GITHUB_STEP_SUMMARY" || true
fi

todo_status=""
if [ "${SYNC_TODO_CHECK:-false}" = "true" ]; then
  todo_status=0
  "$pmlint" sync-todo --check || todo_status=$?
  if [ "$todo_status" -eq 1 ]; then
    echo "::error file=TODO.md,title=pmlint sync-todo::TODO.md is out of date; run 'pmlint sync-todo' and commit it"
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    echo "todo-exit-code=$todo_status"
  } >> "$GITHUB_OUTPUT"
fi

if [ "$status" -ne 0 ] || [ "${todo_status:-0}" -ne 0 ]; then
  echo "pmlint failed (check exit $status, sync-todo exit ${todo_status:-skipped})"
  exit 1
fi
