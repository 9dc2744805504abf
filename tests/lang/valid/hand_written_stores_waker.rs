use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Flag {
    polls: u32,
    waker: Option<Waker>,
}

impl Future for Flag {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls == 3 {
            return Poll::Ready(self.polls);
        }
        if let Some(old) = self.waker.take() {
            println!("same task: {}", old.will_wake(cx.waker()));
            old.wake();
        } else {
            let w = cx.waker().clone();
            w.wake_by_ref();
            self.waker = Some(w);
        }
        Poll::Pending
    }
}

async fn main() {
    let n = Flag { polls: 0, waker: None }.await;
    println!("polled {n} times");
}
