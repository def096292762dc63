"""The command line speaks one spelling (hyphens), keeps the old one working, and explains every option."""

import argparse

import pytest
from django.core.management import get_commands, load_command_class

from lagesbild import cli

OWN_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("lagesbild"))
# Options every Django command has; Django documents them itself.
DJANGO_OPTIONS = {
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
    "--help",
}


def parsers_of(parser, path):
    """The parser and every sub-parser below it, each with the words that reach it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, sub in action.choices.items():
                yield from parsers_of(sub, f"{path} {word}")


def options_without_help(name):
    command = load_command_class(get_commands()[name], name)
    missing = []
    for path, parser in parsers_of(command.create_parser("lagesbild", name), name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
                continue
            if DJANGO_OPTIONS & set(action.option_strings):
                continue
            if not (action.help or "").strip():
                missing.append(f"{path}: {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_option_of_every_command_says_what_it_does():
    missing = [line for name in OWN_COMMANDS for line in options_without_help(name)]
    assert not missing, "options without help text:\n" + "\n".join(missing)


def test_no_command_is_only_reachable_by_an_underscore_spelling():
    assert "survey_reminders" in OWN_COMMANDS and "vega_bundle" in OWN_COMMANDS
    for name in OWN_COMMANDS:
        assert cli.module_name(cli.spoken(name), get_commands()) == name


@pytest.mark.parametrize("typed", ["survey-reminders", "survey_reminders"])
def test_an_operator_reaches_the_reminders_in_either_spelling(typed, capsys):
    with pytest.raises(SystemExit) as done:
        cli.main([typed, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: lagesbild {typed}" in out and "--dry-run" in out


def test_the_list_of_commands_shows_the_hyphenated_names(capsys):
    cli.main(["help"])
    out = capsys.readouterr().out
    assert "    survey-reminders\n" in out and "    vega-bundle\n" in out
    assert "survey_reminders" not in out and "import_source" not in out


def test_an_unknown_command_is_refused_without_a_traceback(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["survey-remindrs"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "Unknown command: 'survey-remindrs'" in err and "Traceback" not in err
