use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Once {
    done: bool,
}

impl Future for Once {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.done {
            return Poll::Ready(());
        }
        self.done = true;
        cx.waker().wake();
        Poll::Pending
    }
}

async fn main() {
    Once { done: false }.await;
}
