// A raw pointer promises nothing about who else uses what it points at, so it is not `Send`, and
// neither is a struct holding one (compare tests/lang/valid/send_unsafe_impl_send.rs).
use std::thread;
struct Handle {
    ptr: *const u32,
}
static VALUE: u32 = 42;
fn main() {
    let h = Handle { ptr: &VALUE as *const u32 };
    let worker = thread::spawn(move || {
        let h = h;
        println!("{}", unsafe { *h.ptr });
    });
    worker.join().unwrap();
}
