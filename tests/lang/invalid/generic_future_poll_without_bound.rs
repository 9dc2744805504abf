// Without a `Future` bound on `F` the generic `poll` cannot poll the field: rustc's E0599.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct StringLen<F> {
    inner_future: F,
}

impl<F> Future for StringLen<F> {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let inner = unsafe { self.map_unchecked_mut(|s| &mut s.inner_future) };
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
