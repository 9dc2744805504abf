// A generic hand-written future whose `poll` has a syntax error (`let this &= ..`, a typo for
// `let this = ..`), and a function left unclosed: the generic function gets no instances, so nothing lowers its recovered tree
// (lowering used to recurse without end on it; found by fuzz_script).
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Counted<F> {
    inner: F,
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this &= unsafe { self.get_unchecked_mut() };
        match inner.poll(cx) {
            Poll::Ready(v) => Poll::Ready((v, this.polls)),
        }
    }
}

fn counted<F: Future>(inner: F) -> Counted<F> {
async fn twice() -> u32 {
    let (n, polls) = counted(twice()).await;
    let (text, polls) = Counted { inner: async_read_file("bar.txt"), polls: 0 }.await;
}
