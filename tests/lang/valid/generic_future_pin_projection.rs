// A generic future with an inline bound whose output names the inner one's (`F::Output`): it
// counts the polls it passes on, reaching its fields through the unsafe `get_unchecked_mut` and
// pinning the inner future again with `Pin::new_unchecked`. Two instances, one per inner type.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Counted<F> {
    inner: F,
    polls: u32,
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = unsafe { self.get_unchecked_mut() };
        this.polls += 1;
        let inner = unsafe { Pin::new_unchecked(&mut this.inner) };
        match inner.poll(cx) {
            Poll::Ready(v) => Poll::Ready((v, this.polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn counted<F: Future>(inner: F) -> Counted<F> {
    Counted { inner, polls: 0 }
}

async fn twice() -> u32 {
    yield_now().await;
    yield_now().await;
    7
}

async fn main() {
    let (n, polls) = counted(twice()).await;
    println!("{} after {} polls", n, polls);
    let (text, polls) = Counted { inner: async_read_file("bar.txt"), polls: 0 }.await;
    println!("{} bytes after {} polls", text.len(), polls);
}
