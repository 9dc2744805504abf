// scripted_scancode_stream.rs with one line left out: `poll_next` returns Pending without
// registering the task's waker. The first key press finds no waker to wake.
extern crate alloc;

use conquer_once::spin::OnceCell;
use core::pin::Pin;
use core::task::{Context, Poll};
use crossbeam_queue::ArrayQueue;
use futures_util::stream::{Stream, StreamExt};
use futures_util::task::AtomicWaker;

// Filled by the interrupt handler, emptied by the stream. It stays uninitialized until the
// stream is made: the handler must not allocate, so it cannot make the queue itself.
static SCANCODE_QUEUE: OnceCell<ArrayQueue<u8>> = OnceCell::uninit();
// The waker of the task waiting for the next scancode.
static WAKER: AtomicWaker = AtomicWaker::new();

// The keyboard interrupt calls this with every scancode (a script that defines
// `fn add_scancode(scancode: u8)` takes the keyboard over). It must not block or allocate.
fn add_scancode(scancode: u8) {
    if let Ok(queue) = SCANCODE_QUEUE.try_get() {
        if let Err(_) = queue.push(scancode) {
            println!("WARNING: scancode queue full; dropping keyboard input");
        } else {
            WAKER.wake(); // after the push, so the woken task finds the scancode
        }
    } else {
        println!("WARNING: scancode queue uninitialized");
    }
}

// No code outside this module can make one: there is one queue, so there is one stream.
struct ScancodeStream {
    _private: (),
}

impl ScancodeStream {
    fn new() -> ScancodeStream {
        SCANCODE_QUEUE
            .try_init_once(|| ArrayQueue::new(100))
            .expect("ScancodeStream::new should only be called once");
        ScancodeStream { _private: () }
    }
}

impl Stream for ScancodeStream {
    type Item = u8;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context) -> Poll<Option<u8>> {
        let queue = SCANCODE_QUEUE.try_get().expect("scancode queue not initialized");
        // Fast path: a scancode is waiting, no waker needed.
        if let Some(scancode) = queue.pop() {
            return Poll::Ready(Some(scancode));
        }
        // The bug: no `WAKER.register(&cx.waker())` here. Nothing keeps the task's waker, so the
        // interrupt handler's `WAKER.wake()` finds no waker and the task is never polled again.
        match queue.pop() {
            Some(scancode) => {
                WAKER.take();
                Poll::Ready(Some(scancode))
            }
            None => Poll::Pending,
        }
    }
}

async fn async_number() -> u32 {
    42
}

async fn example_task() {
    let number = async_number().await; // @state WaitingOnAsyncNumber
    println!("async number: {}", number);
}

// Scancode set 1, only the two letters this scenario types. Codes of 0x80 and above are key
// releases.
fn decode(scancode: u8) -> Option<char> {
    match scancode {
        0x23 => Some('h'),
        0x17 => Some('i'),
        _ => None,
    }
}

async fn print_keypresses() {
    let mut scancodes = ScancodeStream::new();
    while let Some(scancode) = scancodes.next().await { // @state WaitingOnScancode
        if let Some(key) = decode(scancode) {
            print!("{}", key);
        }
    }
}

