// Long exports from the window (gui/export.h StepExport): a step range as PNGs or an animated GIF,
// run by the frame loop one step at a time, with a progress dialog between the pictures, Esc or
// Cancel to stop, and input otherwise ignored until it ends. Rendered headlessly.
#include <SDL.h>
#include <gif_lib.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gui/app.h"
#include "gui/app_main.h"
#include "gui/export.h"
#include "gui/platform.h"
#include "headless.h"

namespace aws::gui {
namespace {

namespace fs = std::filesystem;
const std::string kExample = std::string(AWAITSCOPE_SOURCE_DIR) + "/scenarios/example.toml";

// The frames of a GIF file, -1 when it cannot be read.
int GifFrames(const fs::path& path) {
  int code = 0;
  GifFileType* gif = DGifOpenFileName(path.string().c_str(), &code);
  if (!gif) return -1;
  const int n = DGifSlurp(gif) == GIF_OK ? gif->ImageCount : -1;
  DGifCloseFile(gif, &code);
  return n;
}

// Whether ImGui drew the export's progress dialog in the last frame.
bool DialogShown() {
  for (ImGuiWindow* w : GImGui->Windows)
    if (std::string(w->Name).starts_with("Exporting") && w->Active) return true;
  return false;
}

class StepExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(shots::OpenHeadless(platform_, 800, 500, &error)) << error;
    Diagnostics diags;
    ASSERT_TRUE(app_.Load(kExample, diags)) << diags.Render();
    app_.Push({CommandKind::Seek, 20});
    ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
    dir_ = fs::temp_directory_path() / ("awaitscope_step_export_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Asks for an export of steps first..last as the File menu does, in one frame.
  void Request(ExportKind kind, const fs::path& path, int64_t first, int64_t last) {
    app_.Push({CommandKind::Export, first, static_cast<int64_t>(kind), path.string(), last});
    ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
  }

  Platform platform_;
  App app_;
  std::unique_ptr<StepExport> job_;
  fs::path dir_;
};

TEST_F(StepExportTest, TheWindowExportsAGifAStepAtATimeShowingProgressAndIgnoringInput) {
  const fs::path gif = dir_ / "example.gif";
  Request(ExportKind::StepRangeGif, gif, 8, 12);
  ASSERT_NE(job_, nullptr) << app_.view().status;
  EXPECT_TRUE(app_.view().export_progress.active);
  EXPECT_EQ(app_.view().export_progress.total, 5);
  EXPECT_EQ(app_.view().export_progress.done, 0);

  // A step of the export, then a frame with the dialog. A key pressed meanwhile does nothing.
  app_.Push({CommandKind::Step});
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  ASSERT_NE(job_, nullptr);
  EXPECT_TRUE(DialogShown());
  EXPECT_EQ(app_.view().export_progress.done, 1);
  EXPECT_EQ(app_.session().cursor(), 8);
  EXPECT_FALSE(fs::exists(gif)) << "the GIF appears under its name only when complete";

  int turns = 1;
  while (job_ && turns < 20) {
    ASSERT_TRUE(RunExportStep(platform_, app_, job_));
    ++turns;
  }
  EXPECT_EQ(turns, 5);
  EXPECT_EQ(job_, nullptr);
  EXPECT_EQ(app_.view().status, "wrote " + gif.string() + " (5 steps)");
  EXPECT_FALSE(app_.view().export_progress.active);
  EXPECT_EQ(app_.session().cursor(), 20) << "the cursor goes back where it was";
  EXPECT_EQ(GifFrames(gif), 5);
  ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
  EXPECT_FALSE(DialogShown());
}

TEST_F(StepExportTest, EscapeCancelsAndLeavesNoGifButKeepsThePngsWritten) {
  const fs::path gif = dir_ / "cancelled.gif";
  Request(ExportKind::StepRangeGif, gif, 0, 40);
  ASSERT_NE(job_, nullptr);
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  // Esc goes down while the next picture is drawn: it still counts.
  SDL_Event e{};
  e.type = SDL_KEYDOWN;
  e.key.state = SDL_PRESSED;
  e.key.keysym.scancode = SDL_SCANCODE_ESCAPE;
  e.key.keysym.sym = SDLK_ESCAPE;
  ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError();
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  EXPECT_EQ(job_, nullptr);
  EXPECT_EQ(app_.view().status, "export cancelled: " + gif.string() + " not written");
  EXPECT_EQ(app_.session().cursor(), 20);
  EXPECT_TRUE(fs::is_empty(dir_)) << "neither the GIF nor its temporary file";
  e.type = SDL_KEYUP;
  e.key.state = SDL_RELEASED;
  SDL_PushEvent(&e);

  // PNGs: those written before the Cancel stay, and the status says how many.
  const fs::path pngs = dir_ / "steps";
  Request(ExportKind::StepRangePng, pngs, 0, 40);
  ASSERT_NE(job_, nullptr);
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  ExportProgress p = app_.view().export_progress;
  p.cancel = true;  // the dialog's Cancel button
  app_.SetExportProgress(p);
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  EXPECT_EQ(job_, nullptr);
  EXPECT_EQ(app_.view().status, "export cancelled after 3 PNGs in " + pngs.string());
  EXPECT_TRUE(fs::exists(pngs / "step_000002.png"));
  EXPECT_FALSE(fs::exists(pngs / "step_000003.png"));
}

TEST_F(StepExportTest, PlayingGoesOnAfterTheExportWithoutSteppingDuringIt) {
  app_.Push({CommandKind::TogglePlay});
  ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
  ASSERT_TRUE(app_.view().playing);
  Request(ExportKind::StepRangePng, dir_ / "steps", 2, 4);
  ASSERT_NE(job_, nullptr);
  while (job_) {
    ASSERT_TRUE(RunExportStep(platform_, app_, job_));
    if (job_) EXPECT_EQ(app_.session().cursor(), 2 + app_.view().export_progress.done - 1);
  }
  EXPECT_EQ(app_.view().status, "wrote 3 PNGs to " + (dir_ / "steps").string());
  ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
  EXPECT_TRUE(app_.view().playing) << "an export does not stop the play it interrupted";
}

TEST_F(StepExportTest, AnUnwritableGifReportsAndTheWindowGoesOn) {
  std::ofstream(dir_ / "file") << "x";
  const fs::path gif = dir_ / "file" / "x.gif";  // a file where a folder is needed
  Request(ExportKind::StepRangeGif, gif, 0, 3);
  ASSERT_NE(job_, nullptr);
  ASSERT_TRUE(RunExportStep(platform_, app_, job_));
  EXPECT_EQ(job_, nullptr);
  EXPECT_EQ(app_.view().status, "export failed: cannot write " + gif.string() + ": Not a directory");
  EXPECT_FALSE(app_.view().export_progress.active);
  EXPECT_EQ(app_.session().cursor(), 20);
  app_.Push({CommandKind::Step});
  ASSERT_TRUE(DrawFrame(platform_, app_, nullptr, &job_));
  EXPECT_EQ(app_.session().cursor(), 21) << "input works again";
}

}  // namespace
}  // namespace aws::gui
