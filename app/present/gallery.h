// The scenario gallery's model: every scenario of a folder, grouped by the document it teaches
// and filtered by a search text. No ImGui here (gallery_view.cpp draws it), so tests use it as is.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "awaitscope/diagnostics.h"

namespace aws::present {

struct GalleryEntry {
  std::string id;
  std::string title;
  std::string source;       // document tags, e.g. "D1/D2"
  std::string document;     // "" when the scenario names none
  std::string section;
  std::string description;
  std::string path;
  std::string key;          // the path made absolute and normal, to recognise the loaded file
  std::string error;        // non-empty: the file does not load (its first diagnostic headline)
};

struct Gallery {
  std::string dir;
  std::vector<GalleryEntry> entries;  // sorted by id
};

struct GalleryGroup {
  std::string document;               // the heading ("Other scenarios", "Could not be read")
  std::vector<const GalleryEntry*> entries;
};


// Loads every `*.toml` of `dir`. A file that does not load is still listed, with its error, so
// choosing it shows why.
Gallery ScanGallery(const std::string& dir);

// The entries whose id, title or description contain every word of `filter` (case-insensitive),
// grouped by document: groups sorted by document name, then "Other scenarios" (no document),
// then "Could not be read"; entries by id inside each group. An empty filter keeps everything.
std::vector<GalleryGroup> GroupGallery(const Gallery& gallery, std::string_view filter);

// `path` absolute and normal (symbolic links resolved where they exist): GalleryEntry::key.
std::string GalleryKey(const std::string& path);

// Whether `entry` matches `filter` as GroupGallery decides.
bool GalleryMatches(const GalleryEntry& entry, std::string_view filter);

// What the gallery panel keeps between frames (view state, in ViewData).
struct GalleryState {
  Gallery gallery;
  bool scanned = false;
  std::string filter;
  std::string load_error;   // the headlines of the last failed load ("": the last load worked)
  std::string failed_path;  // the file that failed
  std::string loaded_path;  // the session's scenario path last seen, and its GalleryKey
  std::string loaded_key;
};

// Notes the outcome of loading `path` from the gallery: clears the error when it loaded, else
// keeps its diagnostics' headlines (FILE:LINE:COL: error: ...) to show.
void RecordLoad(GalleryState& g, const std::string& path, bool ok, const Diagnostics& diags);

}  // namespace aws::present
