// Braced struct patterns: in `let`, `match` arms, `if let` and a parameter; from a value the
// fields move out, through `&mut self` they bind as `&mut` of the fields.
struct Point {
    x: u32,
    y: u32,
}

struct Queue {
    items: Vec<u32>,
    served: u32,
    name: String,
}

impl Queue {
    fn serve(&mut self) {
        let Self { items, served, .. } = self;
        while let Some(item) = items.pop() {
            *served += item;
        }
    }
}

fn sum(Point { x, y }: Point) -> u32 {
    x + y
}

fn main() {
    let p = Point { x: 3, y: 4 };
    let Point { x, y: mut height } = p;
    height += 1;
    println!("x {} height {}", x, height);
    match (Point { x: 0, y: 7 }) {
        Point { x: 0, y } => println!("on the y axis at {}", y),
        Point { .. } => println!("elsewhere"),
    }
    if let Some(Point { x, .. }) = Some(Point { x: 9, y: 1 }) {
        println!("some x {}", x);
    }
    println!("sum {}", sum(Point { x: 5, y: 6 }));
    let mut q = Queue { items: vec![1, 2, 3], served: 0, name: String::from("q") };
    q.serve();
    println!("{} served {} left {}", q.name, q.served, q.items.len());
    let Queue { name, .. } = q;
    println!("moved out {}", name);
}
