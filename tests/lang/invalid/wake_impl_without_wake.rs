// `Wake` has one required method, `wake`; an impl with only `wake_by_ref` is incomplete.
use std::sync::Arc;
use std::task::{Wake, Waker};

struct OnlyByRef;

impl Wake for OnlyByRef {
    fn wake_by_ref(self: &Arc<Self>) {
        println!("by ref");
    }
}

fn main() {
    let waker = Waker::from(Arc::new(OnlyByRef));
    waker.wake_by_ref();
}
