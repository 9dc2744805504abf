// An `async fn` in a trait returns a different future type for each impl, so no vtable entry can
// hold it: the trait makes no trait object (E0038), even where no method is called.
trait Source {
    async fn next_byte(&self) -> u8;
}

struct Zeros;

impl Source for Zeros {
    async fn next_byte(&self) -> u8 {
        0
    }
}

fn count(sources: &Vec<Box<dyn Source>>) -> usize {
    sources.len()
}

async fn main() {
    let z = Zeros;
    println!("{}", z.next_byte().await);
}
