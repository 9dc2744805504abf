// The scenario's own texts (title, description, errata, notes, questions, document, section) in
// the current language of the window and the narration (i18n.h): its translation where it has
// one, English where it does not (engine/include/awaitscope/scenario.h TextsIn).
#pragma once
#include "awaitscope/scenario.h"

namespace aws::present {

ScenarioTexts CurrentTexts(const Scenario& scenario);

// Every text of every `*.toml` scenario of `dir` in `lang` (TextsIn), concatenated: the font
// atlas holds a glyph for each character the window may show of them (gui/fonts.cpp).
std::string ScenarioFolderText(const std::string& dir, std::string_view lang);

}  // namespace aws::present
