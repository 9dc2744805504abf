// A waker built by hand: each function of the vtable says when it runs. A hand-written future
// clones the waker, wakes it by reference, then wakes the clone (which consumes it); `main`
// polls the task awaiting it from plain code until it is Ready.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn raw() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        println!("vtable: clone");
        raw()
    }
    fn wake(_: *const ()) {
        println!("vtable: wake");
    }
    fn wake_by_ref(_: *const ()) {
        println!("vtable: wake_by_ref");
    }
    fn drop_data(_: *const ()) {
        println!("vtable: drop");
    }
    let vtable = &RawWakerVTable::new(clone, wake, wake_by_ref, drop_data);
    RawWaker::new(0 as *const (), vtable)
}

struct TwoPolls {
    polls: u32,
}

impl Future for TwoPolls {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls == 2 {
            return Poll::Ready(self.polls);
        }
        let copy = cx.waker().clone();
        cx.waker().wake_by_ref();
        copy.wake();
        Poll::Pending
    }
}

async fn task() -> u32 {
    TwoPolls { polls: 0 }.await
}

fn main() {
    let waker = unsafe { Waker::from_raw(raw()) };
    let mut cx = Context::from_waker(&waker);
    let mut fut = Box::pin(task());
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(n) => {
                println!("ready after {} polls", n);
                break;
            }
            Poll::Pending => println!("pending"),
        }
    }
}
