// The pin projection is unsafe (the caller promises the field is never moved out): without an
// `unsafe` block it is rustc's E0133.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct StringLen<F> {
    inner_future: F,
}

impl<F: Future<Output = String>> Future for StringLen<F> {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let inner = self.map_unchecked_mut(|s| &mut s.inner_future);
        match inner.poll(cx) {
            Poll::Ready(s) => Poll::Ready(s.len()),
            Poll::Pending => Poll::Pending,
        }
    }
}

async fn main() {
    let n = StringLen { inner_future: async_read_file("a.txt") }.await;
    println!("{}", n);
}
