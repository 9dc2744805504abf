// The keyboard: its interrupt handler queues scancodes and wakes the stream's AtomicWaker;
// ScancodeStream::poll_next takes them out.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// The keyboard interrupt handler: queue the scancode, then wake the stored waker.
void Emulator::AddScancode(uint8_t sc, int device) {
  int saved_task = cur_task_;
  cur_task_ = -1;
  if (const FnDecl* handler = ScriptKeyboardHandler()) {  // the script's own `add_scancode`
    // It interrupts whatever runs: its statements are no part of that poll's budget.
    int saved_device = irq_device_, saved_machine = cur_machine_;
    int64_t saved_statements = stmts_in_poll_;
    irq_device_ = device;
    cur_machine_ = -1;
    CallBody(P.checked->fn_body.at(handler), {Value::Int(sc)}, {});
    irq_device_ = saved_device;
    cur_machine_ = saved_machine;
    stmts_in_poll_ = saved_statements;
    cur_task_ = saved_task;
    return;
  }
  if (!kb_initialized_) {
    Note(1, "WARNING: scancode queue uninitialized");
  } else if (kb_queue_.size() >= kScancodeQueueCapacity) {
    Note(1, "WARNING: scancode queue full; dropping keyboard input");
  } else {
    kb_queue_.push_back(sc);
    EmitScancode(device, "push", sc);
    int w = kb_waker_;
    kb_waker_ = -1;  // AtomicWaker: wake takes the registered waker out
    if (w >= 0) Wake(w, device);
    else EmitWakerWake(-2, -1, device, false, "no waker registered");
  }
  cur_task_ = saved_task;
}

Value Emulator::PopScancode(int device) {
  uint8_t sc = kb_queue_.front();
  kb_queue_.pop_front();
  EmitScancode(device, "pop", sc);
  return Value::Variant("Some", {Value::Int(sc)});
}

// The blog's ScancodeStream::poll_next: fast path, register, then check again.
bool Emulator::PollScancodeNext(int id, int waker, Value* out) {
  Obj& o = objs_[id];
  if (!kb_initialized_) Panic("scancode queue not initialized", false);
  if (!kb_queue_.empty()) {
    *out = PopScancode(o.device);
    return true;
  }
  kb_waker_ = waker;
  Register(id, waker);
  // Fault injection: a keystroke scripted `during_poll` lands exactly here, between the
  // registration and the second check, and wakes the task that is being polled.
  if (!race_keys_.empty() && race_keys_.front().t_ms <= now_) {
    KeySpec k = race_keys_.front();
    race_keys_.erase(race_keys_.begin());
    Note(0, fmt::format("scancode 0x{:02X} arrives inside poll_next, between register and the second pop", k.scancode));
    Fire({now_, 0, DevEvent::Kind::Key, -1, objs_[id].device, k.scancode}, false);
  }
  if (!kb_queue_.empty()) {
    kb_waker_ = -1;
    *out = PopScancode(o.device);
    return true;
  }
  return false;
}

}  // namespace aws::emu
