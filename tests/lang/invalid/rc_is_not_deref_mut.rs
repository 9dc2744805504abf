// `Rc` hands out shared access only (Deref, no DerefMut): mutation goes through a `Cell` or a
// `RefCell` inside it.
use std::rc::Rc;

fn main() {
    let shared = Rc::new(5);
    *shared = 6;
}
