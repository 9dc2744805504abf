use std::task::{RawWaker, RawWakerVTable, Waker};

fn no_op(_: *const ()) {}
fn clone(_: *const ()) -> RawWaker {
    raw()
}

fn raw() -> RawWaker {
    RawWaker::new(0 as *const (), &RawWakerVTable::new(clone, no_op, no_op, no_op))
}

fn main() {
    let waker = Waker::from_raw(raw());
    waker.wake_by_ref();
}
