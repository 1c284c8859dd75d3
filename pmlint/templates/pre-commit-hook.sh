#!/bin/sh
# pmlint pre-commit hook (pmlint-hook v1) — for teams without the pre-commit framework.
#
# Checks the post-mortems staged under the configured incidents folder
# ("pmlint check --staged" lints the staged content, not the working copy) and
# whether TODO.md is in sync with their action items ("pmlint sync-todo --check").
# Install:  pmlint install-hook            (or copy this file to .git/hooks/pre-commit)
# Skip once: git commit --no-verify        Skip the TODO check: PMLINT_SKIP_TODO=1 git commit
set -u

# A hook that was here before, kept by "pmlint install-hook --chain", runs first.
if [ -x "$0.pmlint-chained" ]; then
    "$0.pmlint-chained" "$@" || exit $?
fi

run_pmlint() {
    if command -v pmlint >/dev/null 2>&1; then
        pmlint "$@"
    elif command -v python3 >/dev/null 2>&1 && python3 -c 'import pmlint' >/dev/null 2>&1; then
        python3 -m pmlint "$@"
    elif command -v python >/dev/null 2>&1 && python -c 'import pmlint' >/dev/null 2>&1; then
        python -m pmlint "$@"
    else
        echo "pmlint pre-commit hook: pmlint is not installed (pip install pmlint)." >&2
        echo "Install it, or commit with --no-verify to skip this check once." >&2
        return 2
    fi
}

status=0
run_pmlint check --staged || status=$?
if [ "$status" -ne 2 ] && [ "${PMLINT_SKIP_TODO:-0}" != "1" ]; then
    todo=0
    run_pmlint sync-todo --check || todo=$?
    if [ "$todo" -eq 1 ]; then
        echo "TODO.md is out of date: run 'pmlint sync-todo' and stage TODO.md." >&2
    fi
    [ "$todo" -gt "$status" ] && status=$todo
fi
exit "$status"
