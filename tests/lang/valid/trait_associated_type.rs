// An associated type names what a trait's method produces; the impl fixes it and the method's
// signature says `Self::Item`.
trait Source {
    type Item;
    fn produce(&mut self) -> Self::Item;
}

struct Numbers {
    next: u64,
}

impl Source for Numbers {
    type Item = u64;

    fn produce(&mut self) -> Self::Item {
        self.next += 1;
        self.next
    }
}

async fn main() {
    let mut n = Numbers { next: 40 };
    let a = n.produce();
    let b = n.produce();
    println!("{} {}", a, b);
}
