// The keyboard: its interrupt handler queues scancodes and wakes the stream's AtomicWaker.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/emulator.h"

namespace aws::emu {

// The keyboard interrupt handler: queue the scancode, then wake the stored waker.
void Emulator::AddScancode(uint8_t sc, int device) {
  int saved_task = cur_task_;
  cur_task_ = -1;
  if (!kb_initialized_) {
    Note(1, "WARNING: scancode queue uninitialized");
  } else if (kb_queue_.size() >= kScancodeQueueCapacity) {
    Note(1, "WARNING: scancode queue full; dropping keyboard input");
  } else {
    kb_queue_.push_back(sc);
    Emit(EventKind::DeviceComplete, {.device = device, .a = -1, .text = fmt::format("push 0x{:02X}", sc)});
    int w = kb_waker_;
    kb_waker_ = -1;  // AtomicWaker: wake takes the registered waker out
    if (w >= 0) Wake(w, device);
    else Emit(EventKind::WakerWake, {.waker = -1, .device = device, .b = 0, .text = "no waker registered"});
  }
  cur_task_ = saved_task;
}

Value Emulator::PopScancode(int device) {
  uint8_t sc = kb_queue_.front();
  kb_queue_.pop_front();
  Emit(EventKind::DeviceComplete, {.device = device, .a = -1, .text = fmt::format("pop 0x{:02X}", sc)});
  return Value::Variant("Some", {Value::Int(sc)});
}

}  // namespace aws::emu
