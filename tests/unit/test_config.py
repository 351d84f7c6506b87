"""The config file is the user's: read with clear messages, written only when asked."""

from papertui.core.config import Config, load_config, resolve_paths, save_setting


def test_missing_file_means_defaults(tmp_path):
    config, problems = load_config(tmp_path / "config.toml")
    assert config == Config() and problems == []


def test_settings_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nrefresh_after_minutes = 5\nmark_read_after_seconds = 2.5\n'
                    'sort = "date"\n[export]\nsummary = "abstract"\ndirectory = "~/papers"\n'
                    '[keys]\nbookmark = "B"\n')
    config, problems = load_config(path)
    assert problems == []
    assert (config.theme, config.refresh_after_minutes, config.mark_read_after_seconds) == ("nord", 5, 2.5)
    assert (config.sort, config.export_summary, config.export_dir) == ("date", "abstract", "~/papers")
    assert config.keys == {"bookmark": "B"}


def test_broken_toml_is_reported_with_its_line_and_defaults_used(tmp_path):
    path = tmp_path / "config.toml"
    text = 'theme = "nord"\nsort = [\n'
    path.write_text(text)
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1 and "not valid TOML" in problems[0] and "line" in problems[0]
    assert path.read_text() == text


def test_wrong_types_and_unknown_keys_name_the_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# my settings\ntheme = 3\nsort = "random"\ncolour = "red"\n'
                    'refresh_after_minutes = -4\n[keys]\nquit = 5\n[plugins]\nx = 1\n')
    config, problems = load_config(path)
    assert config.theme == Config().theme and config.sort == "upvotes"
    assert config.refresh_after_minutes == Config().refresh_after_minutes
    text = "\n".join(problems)
    assert "line 2: theme must be text" in text
    assert "line 3: sort must be one of" in text
    assert "line 4: unknown setting 'colour'" in text
    assert "line 5: refresh_after_minutes cannot be negative" in text
    assert "line 7: keys.quit must be text" in text
    assert "line 8: unknown section [plugins]" in text


def test_saving_a_setting_keeps_the_rest_of_the_file(tmp_path):
    path = tmp_path / "config.toml"
    original = '# chosen with care\ntheme = "nord"   # dark\n\n[keys]\nbookmark = "B"  # mine\n'
    path.write_text(original)
    save_setting(path, "theme", "gruvbox")
    # The setting's own comment stays on its line too.
    assert path.read_text() == original.replace('"nord"', '"gruvbox"')
    assert load_config(path)[0].theme == "gruvbox"
    assert not [p for p in tmp_path.iterdir() if p.name != "config.toml"]  # no temp files left


def test_saving_keeps_a_comment_but_not_a_hash_inside_the_value(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "my\\"#theme" # the one I like\nbase_url = \'a#b\'#x\n')
    save_setting(path, "theme", "nord")
    save_setting(path, "base_url", "https://example.org")
    assert path.read_text() == ('theme = "nord" # the one I like\n'
                                'base_url = "https://example.org"#x\n')
    assert load_config(path)[0].theme == "nord"


def test_saving_adds_the_setting_above_the_first_table(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    save_setting(path, "theme", "nord")
    path.write_text(path.read_text() + "[keys]\nquit = \"Q\"\n")
    save_setting(path, "theme", "dracula")
    config, problems = load_config(path)
    assert problems == [] and config.theme == "dracula" and config.keys == {"quit": "Q"}


def test_a_broken_file_is_never_rewritten(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n")
    try:
        save_setting(path, "theme", "nord")
    except ValueError:
        pass
    assert path.read_text() == "theme = \n"


def test_paths_from_options_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PAPERTUI_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.setenv("PAPERTUI_CONFIG", str(tmp_path / "env.toml"))
    assert resolve_paths().data_dir == tmp_path / "env-data"
    assert resolve_paths().config_file == tmp_path / "env.toml"
    chosen = resolve_paths(str(tmp_path / "opt"), str(tmp_path / "opt.toml"))
    assert (chosen.data_dir, chosen.config_file) == (tmp_path / "opt", tmp_path / "opt.toml")
    monkeypatch.delenv("PAPERTUI_DATA_DIR")
    assert "papertui" in str(resolve_paths().data_dir)


def test_sort_by_comments_is_a_setting(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('sort = "comments"\n')
    config, problems = load_config(path)
    assert problems == [] and config.sort == "comments"


def test_context_refresh_hours(tmp_path):
    path = tmp_path / "config.toml"
    assert load_config(path)[0].context_refresh_hours == 24
    path.write_text("context_refresh_hours = 6\n")
    assert load_config(path) == (Config(context_refresh_hours=6), [])
    path.write_text('context_refresh_hours = "daily"\n')
    config, problems = load_config(path)
    assert config.context_refresh_hours == 24
    assert problems == [f"{path}, line 1: context_refresh_hours must be a whole number or a "
                        "number; using the default."]


def test_network_section_sets_retries_and_timeout(tmp_path):
    path = tmp_path / "config.toml"
    assert load_config(path)[0].client_options() == {"max_retries": 3, "read_timeout": 15.0}
    path.write_text("[network]\nretries = 0\ntimeout = 40\n")
    config, problems = load_config(path)
    assert problems == [] and config.client_options() == {"max_retries": 0, "read_timeout": 40.0}
    path.write_text('[network]\nretries = "many"\ntimeout = 0\nproxy = "x"\n')
    config, problems = load_config(path)
    assert config.client_options() == {"max_retries": 3, "read_timeout": 15.0}
    assert problems == [
        f"{path}, line 2: network.retries must be a whole number; using the default.",
        f"{path}, line 4: unknown setting network.'proxy'; ignored.",
        f"{path}, line 3: network.timeout must be more than 0 seconds; using the default.",
    ]
