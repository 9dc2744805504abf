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
  std::vector<std::string> errata;  // where the cited documents are wrong (the scenario's `errata`)
  std::string next;         // the id of the next scenario of the course ("": none)
  int course = -1;          // position in the course (the `next` chain); -1: not part of it
  std::string path;
  std::string key;          // the path made absolute and normal, to recognise the loaded file
  std::string error;        // non-empty: the file does not load (its first diagnostic headline)
};

struct Gallery {
  std::string dir;
  std::string lang = "en";            // the language of the entries' texts (ScanGallery)
  std::vector<GalleryEntry> entries;  // in course order (GalleryEntry::course), then the rest by id
};

struct GalleryGroup {
  std::string document;               // the heading ("Other scenarios", "Could not be read")
  std::vector<const GalleryEntry*> entries;
};


// Loads every `*.toml` of `dir`. A file that does not load is still listed, with its error, so
// choosing it shows why. Entries come in course order: the course starts at the scenario no
// other one names as `next` (the smallest id when several do) and follows the `next` pointers;
// each further chain follows the same way, and scenarios on no chain come last, by id.
// Titles, documents, sections, descriptions and errata are in `lang` ("en" | "zh": each
// scenario's translation, English where it has none; scenario.h TextsIn).
Gallery ScanGallery(const std::string& dir, std::string_view lang = "en");

// The course positions of `entries` (GalleryEntry::course) from their `next` pointers, and the
// entries sorted by them (ScanGallery's order).
void OrderCourse(std::vector<GalleryEntry>& entries);

// The entry with this id; nullptr when there is none.
const GalleryEntry* FindGalleryEntry(const Gallery& gallery, std::string_view id);

// The entries whose id, title or description contain every word of `filter` (case-insensitive),
// grouped by document: groups in the order of their first entry in the course, then "Other
// scenarios" (no document), then "Could not be read"; entries in course order inside each group.
// An empty filter keeps everything.
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
  std::string selected_key;     // the keyboard selection (GallerySelection); "" until moved
  bool focus_search = false;    // give the search box keyboard focus on the next frame
  // > 0 after `/` or Ctrl+F until the search box has the focus (ImGui gives it a frame or two
  // after it is asked): keys typed meanwhile wait (App::HoldsKeys), so the first letters of a
  // quick `/heap` go into the box, not to the window's shortcuts. Counts frames, so it ends even
  // if the box is never drawn.
  int hold_keys_frames = 0;
  bool scroll_to_selection = false;  // bring the selection into view on the next frame
};

// The entry the keyboard selection is on, among the entries `groups` shows: the one whose key
// is `selected_key` when shown, else the loaded scenario (`loaded_key`) when shown, else the
// first entry shown; nullptr when nothing is shown.
const GalleryEntry* GallerySelection(const std::vector<GalleryGroup>& groups, std::string_view selected_key,
                                     std::string_view loaded_key);

// The key of the entry `delta` places after the selection in the order shown, stopping at the
// first and the last entry; "" when nothing is shown.
std::string MoveGallerySelection(const std::vector<GalleryGroup>& groups, std::string_view selected_key,
                                 std::string_view loaded_key, int delta);

// Notes the outcome of loading `path` from the gallery: clears the error when it loaded, else
// keeps its diagnostics' headlines (FILE:LINE:COL: error: ...) to show.
void RecordLoad(GalleryState& g, const std::string& path, bool ok, const Diagnostics& diags);

}  // namespace aws::present
