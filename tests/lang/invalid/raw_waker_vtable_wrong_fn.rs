use std::task::{RawWaker, RawWakerVTable, Waker};

fn no_op(_: *const ()) {}
fn wake(times: u32) {
    println!("{}", times);
}
fn clone(_: *const ()) -> RawWaker {
    raw()
}

fn raw() -> RawWaker {
    RawWaker::new(0 as *const (), &RawWakerVTable::new(clone, wake, no_op, no_op))
}

fn main() {
    let waker = unsafe { Waker::from_raw(raw()) };
    waker.wake_by_ref();
}
