// The GUI's model side: a Session, the view state and the command queue. Panels read the session
// through const references each frame; keys and buttons push commands that Frame applies once,
// before drawing.
#pragma once
#include <memory>
#include <cstdint>
#include <string>
#include <vector>

#include "awaitscope/world.h"

namespace aws::gui {

enum class CommandKind { Step, StepBack, Seek, TogglePlay };

struct Command {
  CommandKind kind = CommandKind::Step;
  int64_t step = -1;  // Seek: the target step (clamped by the session)
};

struct TimelineViewState;  // timeline.h

// View state: lives in the app, never in the engine.
struct ViewData {
  bool playing = false;
  double steps_per_second = 8.0;
  double play_seconds = 0.0;        // real time not yet turned into steps while playing
  uint32_t source_scrolled_to = 0;  // the line the Source panel last centred (0: none)
  int pinned_machine = -1;          // State machine and Desugared panels: Program::machines index, -1 follow
  int desugar_scrolled_machine = -1;  // the machine and state whose arm the Desugared panel
  int desugar_scrolled_state = -1;    // last scrolled to (-1: none)
  std::shared_ptr<TimelineViewState> timeline;  // the Timeline panel's window and index
};

class App {
 public:
  // Loads a scenario, script or native trace; false (the previous one kept) with diagnostics.
  bool Load(const std::string& path, Diagnostics& diags);
  void Push(Command c) { commands_.push_back(c); }
  // One frame, between Platform::BeginFrame and EndFrame: keys -> commands, apply them, then
  // draw every panel of views.cpp.
  void Frame();

  const Session& session() const { return session_; }
  const ViewData& view() const { return view_; }

 private:
  void ReadKeys();
  void Apply();
  Session session_;
  ViewData view_;
  std::vector<Command> commands_;
};

}  // namespace aws::gui
