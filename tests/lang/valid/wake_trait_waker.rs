// A waker written with std's `Wake` trait: `Waker::from(arc)` and `arc.into()`, its clone, and
// both ways to wake it. `Counter` defines only `wake`, so `wake_by_ref` is std's default: it
// clones the Arc and calls `wake`.
use std::sync::Arc;
use std::task::{Wake, Waker};

struct Loud {
    name: u32,
}

impl Wake for Loud {
    fn wake(self: Arc<Self>) {
        println!("wake {}", self.name);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        println!("wake_by_ref {}", self.name);
    }
}

struct Counter {
    id: u32,
}

impl Wake for Counter {
    fn wake(self: Arc<Self>) {
        println!("counter {} woken", self.id);
    }
}

fn main() {
    let loud = Waker::from(Arc::new(Loud { name: 7 }));
    let copy = loud.clone();
    loud.wake_by_ref();
    copy.wake();
    let counter: Waker = Arc::new(Counter { id: 1 }).into();
    counter.wake_by_ref();
    counter.wake();
}
