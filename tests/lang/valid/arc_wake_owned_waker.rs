// futures' `task::waker(arc)`: a waker that owns an `Arc` of a type implementing `ArcWake`, and
// whose wake-ups run that type's `wake_by_ref`. The Arc's strong count shows the waker's share,
// which `wake` (it consumes the waker) gives back.
use futures::task::{self, ArcWake};
use std::sync::{Arc, Mutex};
use std::task::Context;

struct Flag {
    woken: Mutex<u32>,
}

impl ArcWake for Flag {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        *arc_self.woken.lock().unwrap() += 1;
    }
}

fn main() {
    let flag = Arc::new(Flag { woken: Mutex::new(0) });
    let waker = task::waker(flag.clone());
    println!("count with the waker: {}", Arc::strong_count(&flag));
    waker.wake_by_ref();
    let cx = Context::from_waker(&waker);
    cx.waker().wake_by_ref();
    waker.wake();
    println!("woken {} times, count now {}", *flag.woken.lock().unwrap(), Arc::strong_count(&flag));
}
