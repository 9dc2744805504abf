// The blog's keyboard module written out in the script: the interrupt handler pushes each
// scancode into a queue kept in a static and wakes the waker stored next to it; the scancode
// stream takes them out again, and a task prints the keys it decodes. The executor is the
// built-in waker executor, so the run can be laid next to keyboard_hi's.
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
        // Register first, then look again: a scancode pushed between the two pops finds the
        // waker, and one pushed before the register is caught by the second pop.
        WAKER.register(&cx.waker());
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

// For the scancode_queue scenarios: a task that keeps the core busy, so the keyboard task is
// polled late (`boot`) or does not get to empty the queue while keys arrive (`hog`).
async fn boot() {
    println!("boot: 50 ms of work before the keyboard task runs");
    work(Duration::from_millis(50));
}

async fn hog() {
    println!("hog: 300 ms of work, keys keep coming");
    work(Duration::from_millis(300));
    println!("hog: done");
}
