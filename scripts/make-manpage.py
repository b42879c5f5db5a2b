#!/usr/bin/env python3
"""Writes adlaw(1) in roff from the command definitions (`adlaw --experimental-dump-help`,
swift-argument-parser's description of every command, option and argument), so the man page
never drifts from `--help`.

    python3 scripts/make-manpage.py ADLAW > adlaw.1
"""
import json, subprocess, sys


def roff(text):
    text = (text or "").replace("\\", "\\\\").replace("-", "\\-")
    lines = []
    for line in text.split("\n"):
        if line.startswith(".") or line.startswith("'"):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def flag_names(argument):
    names = []
    for name in argument.get("names", []):
        prefix = "--" if name["kind"] == "long" else "-"
        names.append("\\fB" + roff(prefix + name["name"]) + "\\fR")
    value = "" if argument["kind"] == "flag" else " \\fI" + roff(argument.get("valueName", "value")) + "\\fR"
    return ", ".join(names) + value


def section(command, path, out):
    name = " ".join(path)
    out.append(".SS " + roff(name) if len(path) > 1 else ".SH OPTIONS")
    if len(path) > 1 and command.get("abstract"):
        out.append(roff(command["abstract"]))
        out.append(".PP")
    if len(path) > 1 and command.get("discussion"):
        out.append(roff(command["discussion"]))
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        out.append(".TP")
        if argument["kind"] == "positional":
            out.append("\\fI" + roff(argument.get("valueName", "arg")) + "\\fR" + ("..." if argument.get("isRepeating") else ""))
        else:
            out.append(flag_names(argument))
        out.append(roff(argument.get("abstract", "")))
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            section(sub, path + [sub["commandName"]], out)


def main():
    info = json.loads(subprocess.run([sys.argv[1], "--experimental-dump-help"], check=True, capture_output=True).stdout)
    command = info["command"]
    version = subprocess.run([sys.argv[1], "--version"], check=True, capture_output=True, text=True).stdout.strip()
    out = [f'.TH ADLAW 1 "" "adlaw {version}" "User Commands"', ".SH NAME", "adlaw \\- " + roff(command.get("abstract", "")),
           ".SH SYNOPSIS", "\\fBadlaw\\fR \\fIcommand\\fR [\\fIoptions\\fR] [\\fIpath\\fR ...]", ".SH DESCRIPTION", roff(command.get("discussion", "")),
           ".SH COMMANDS"]
    for sub in command.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            out += [".TP", "\\fB" + roff(sub["commandName"]) + "\\fR", roff(sub.get("abstract", ""))]
    section(command, ["adlaw"], out)
    out += [".SH FILES", ".TP", "\\fI.adlaw.yml\\fR", "The configuration of the nearest folder above the current one.",
            ".TP", "\\fIPREFIX/share/adlaw/Rules\\fR", "The built\\-in rule pack (or \\fBADLAW_RULES_DIR\\fR).",
            ".SH EXIT STATUS", "0: nothing at or above \\-\\-fail\\-on; 1: findings; 2: usage, rule\\-file, config or input error.",
            ".SH SEE ALSO", "The manual: docs/usage.md in the source tree, or README.md in PREFIX/share/doc/adlaw."]
    print("\n".join(out))


if __name__ == "__main__":
    main()
