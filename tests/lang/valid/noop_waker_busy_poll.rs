// block_on by hand: a no-op waker (std's `Waker::noop()` or futures' `noop_waker()`) and a loop
// that polls until Ready. Each Pending poll from plain code costs 1 ms of virtual time.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

async fn count_down() -> u32 {
    yield_now().await;
    yield_now().await;
    7
}

fn block_on(fut: impl Future<Output = u32> + 'static, cx: &mut Context) -> u32 {
    let mut fut = Box::pin(fut);
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(cx) {
            println!("{} polls", polls);
            return v;
        }
    }
}

fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    println!("got {}", block_on(count_down(), &mut cx));
    let waker = futures::task::noop_waker();
    let mut cx2 = Context::from_waker(&waker);
    println!("got {}", block_on(count_down(), &mut cx2));
}
