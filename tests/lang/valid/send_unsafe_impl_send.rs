// A raw pointer is not `Send`, so neither is a struct holding one, until the author promises it
// with `unsafe impl Send` (as hand-written wakers do for their data pointer).
use std::thread;

struct Handle {
    ptr: *const u32,
}

unsafe impl Send for Handle {}

static VALUE: u32 = 42;

fn main() {
    let h = Handle { ptr: &VALUE as *const u32 };
    let worker = thread::spawn(move || {
        let h = h;
        println!("{}", unsafe { *h.ptr });
    });
    worker.join().unwrap();
}
