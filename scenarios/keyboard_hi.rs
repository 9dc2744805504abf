// The blog's keyboard task next to its first example task. The keyboard task waits for the next
// scancode forever; every key press wakes it once, and a key release wakes it too but prints
// nothing. Keys are printed with `print!`, as in the blog, so typed letters stay on one line.

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
