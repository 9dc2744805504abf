use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    n: u32,
}

impl Future for Countdown {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.n == 0 {
            Poll::Ready(42)
        } else {
            println!("countdown {}", self.n);
            self.n -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

struct YieldOnce {
    yielded: bool,
}

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.yielded {
            self.yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

async fn count() -> u32 {
    YieldOnce { yielded: false }.await;
    Countdown { n: 2 }.await
}

async fn main() {
    let v = Countdown { n: 3 }.await;
    println!("got {v}");
    spawn(count());
    spawn(Countdown { n: 1 });
    let (a, b) = join(Countdown { n: 1 }, count()).await;
    let p: Poll<u32> = Poll::Ready(a + b);
    println!("{} {}", p.is_ready(), p.is_pending());
}
