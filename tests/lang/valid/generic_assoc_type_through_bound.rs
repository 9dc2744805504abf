// Associated types through bounds: `S::Item`, `<S as Source>::Item`, and `Source<Item = u32>`
// fixing it so the body may add.
trait Source {
    type Item;
    fn take(&mut self) -> Self::Item;
}

struct Counter {
    n: u32,
}

impl Source for Counter {
    type Item = u32;
    fn take(&mut self) -> u32 {
        self.n += 1;
        self.n
    }
}

fn take_two<S: Source>(s: &mut S) -> (S::Item, <S as Source>::Item) {
    let a = s.take();
    let b = s.take();
    (a, b)
}

fn sum_two<S>(s: &mut S) -> u32
where
    S: Source<Item = u32>,
{
    s.take() + s.take()
}

async fn main() {
    let mut c = Counter { n: 0 };
    let (a, b) = take_two(&mut c);
    yield_now().await;
    println!("{} {} {}", a, b, sum_two(&mut c));
}
