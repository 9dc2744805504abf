// `StringLen<F>` is a future only when `F` is a future of a String: awaiting one around a
// future of a number is rustc's E0277.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct StringLen<F> {
    inner_future: F,
}

impl<F> Future for StringLen<F>
where
    F: Future<Output = String>,
{
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
    let n = StringLen { inner_future: 5u32 }.await;
    println!("{}", n);
}
